/**
 * Finds plugins by kind and name over {@link java.util.ServiceLoader}: {@link org.rnnlab.registry.Registries}
 * holds one {@link org.rnnlab.registry.PluginRegistry} per {@link org.rnnlab.registry.PluginKind}.
 * Unknown names fail with the known names and the closest match; two plugins with one name fail
 * with both classes and where each was loaded from.
 */
package org.rnnlab.registry;
