package org.rnnlab.architectures;

/** The plus_rnn contract with input and hidden sizes equal: y carries x itself and there is no {@code weight_proj}. */
class PlusRnnSquareCellTypeTest extends PlusRnnCellTypeTest {

    @Override
    protected int inputSize() {
        return 4;
    }

    @Override
    protected int hiddenSize() {
        return 4;
    }
}
