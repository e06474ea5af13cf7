/**
 * The contract test kit every plugin's test subclasses: {@code ActivationContractTest},
 * {@code InitializerContractTest}, {@link org.rnnlab.testkit.CellContractTest},
 * {@code GradientTransformContractTest}, {@code OptimizerContractTest},
 * {@link org.rnnlab.testkit.ModelGradientContractTest}, {@link org.rnnlab.testkit.RegularizerContractTest}
 * and {@link org.rnnlab.testkit.TaskContractTest}.
 * Published in core's test-jar ({@code <type>test-jar</type><scope>test</scope>}).
 */
package org.rnnlab.testkit;
