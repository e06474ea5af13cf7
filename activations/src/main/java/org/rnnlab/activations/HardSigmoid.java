package org.rnnlab.activations;

/**
 * The hard sigmoid as PyTorch defines it, f(x) = relu6(x + 3) / 6, that is x / 6 + 1/2 clipped to
 * [0, 1], from Howard et al., "Searching for MobileNetV3", ICCV 2019. Computed in PyTorch's order,
 * min(max(x + 3, 0), 6) / 6, so outputs agree with PyTorch's to the bit.
 *
 * <p>Keras before version 3 and Theano define the hard sigmoid differently, as 0.2 x + 0.5 clipped to
 * [0, 1], with kinks at ±2.5; a model moved from there needs that function, not this one.
 *
 * <p>f'(x) = 1/6 strictly inside (-3, 3), else 0: at the kinks, hard_sigmoid'(-3) = hard_sigmoid'(3) = 0,
 * as PyTorch's autograd (whose backward passes the gradient only where -3 &lt; x &lt; 3). Read from
 * y = f(x) as 1/6 where 0 &lt; y &lt; 1; an input within rounding of 3 whose output rounds to 1
 * counts as saturated. The slope is 1/6 in double precision; PyTorch's CPU kernel multiplies by 1/6
 * rounded to float even for doubles, so its gradients differ from these by about 3e-8 relative.
 */
public final class HardSigmoid extends OutputDerivedActivation {

    private static final double SLOPE = 1.0 / 6;

    public HardSigmoid() {
        super("hard_sigmoid", "relu6(x + 3) / 6, PyTorch's piecewise-linear sigmoid, in [0, 1]", 0, 1);
    }

    @Override
    public double apply(double x) {
        return Math.min(Math.max(x + 3, 0.0), 6.0) / 6;
    }

    @Override
    double derivativeAtOutput(double y) {
        return y > 0 && y < 1 ? SLOPE : 0;
    }
}
