package org.rnnlab.architectures;

/** Whole-model gradient checks with {@code lstm_peephole} layers. */
class LstmPeepholeModelGradientTest extends LstmModelGradientContractTest {

    @Override
    String cell() {
        return "lstm_peephole";
    }
}
