package org.rnnlab.architectures;

/** Whole-model gradient checks with {@code lstm_noforget} layers. */
class LstmNoForgetModelGradientTest extends LstmModelGradientContractTest {

    @Override
    String cell() {
        return "lstm_noforget";
    }
}
