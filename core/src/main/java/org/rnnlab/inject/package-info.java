/**
 * Guice wiring: {@link org.rnnlab.inject.RnnlabModule} binds every registry and every plugin map.
 * The only package that knows Guice; everything else uses plain constructors.
 */
package org.rnnlab.inject;
