package org.rnnlab.registry;

import org.rnnlab.spi.Activation;

/** Lets tests in other packages make a {@link TestActivation}. */
public final class TestActivationAccess {
    public Activation create(String name) {
        return new TestActivation(name);
    }
}
