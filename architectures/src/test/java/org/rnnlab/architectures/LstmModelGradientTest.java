package org.rnnlab.architectures;

/** Whole-model gradient checks with {@code lstm} layers. */
class LstmModelGradientTest extends LstmModelGradientContractTest {

    @Override
    String cell() {
        return "lstm";
    }
}
