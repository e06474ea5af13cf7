package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rnnlab.registry.UnknownPluginException;

/**
 * What a contract's self-test does, whatever the contract: runs each check of the contract on a
 * plugin broken in the way {@link #trips()} names and expects it to fail with the message given
 * there, runs every check on the unbroken plugin and expects it to pass, and fails if the contract
 * has a check that no fault trips.
 *
 * @param <F> the faults the test plugin can be given
 */
abstract class ContractSelfTest<F extends Enum<F>> {

    /** A fault that trips a check, and a part of the message the check then gives. */
    record Trip<E>(E fault, String message) {
    }

    /** The abstract contract test class. */
    abstract Class<?> contract();

    /** An instance of the contract whose plugin has {@code fault}. */
    abstract Object contractFor(F fault);

    /** For every check (a {@code @Test} method of the contract, by name), a fault that trips it. */
    abstract Map<String, Trip<F>> trips();

    /** The fault that leaves the plugin correct. */
    abstract F noFault();

    private List<Method> checks() {
        return Arrays.stream(contract().getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Test.class)).toList();
    }

    /** Runs one check of the contract against a plugin with {@code fault}, throwing what it throws. */
    final void run(String check, F fault) throws Throwable {
        try {
            contract().getMethod(check).invoke(contractFor(fault));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void everyCheckIsShownToFail() {
        assertThat(checks()).extracting(Method::getName).containsExactlyInAnyOrderElementsOf(trips().keySet());
    }

    @TestFactory
    Stream<DynamicTest> eachCheckFailsOnItsFault() {
        return trips().entrySet().stream().map(e -> DynamicTest.dynamicTest(
                e.getKey() + " fails on " + e.getValue().fault(),
                () -> assertThatThrownBy(() -> run(e.getKey(), e.getValue().fault()))
                        .isInstanceOfAny(AssertionError.class, UnknownPluginException.class)
                        .hasMessageContaining(e.getValue().message())));
    }

    @Test
    void aCorrectPluginPassesEveryCheckButDiscovery() throws Throwable {
        // Test plugins are not registered, so discovery fails even for the correct one; trips() says how.
        for (Method check : checks()) {
            if (!check.getName().equals("discoveredByServiceLoader")) {
                run(check.getName(), noFault());
            }
        }
    }
}
