/** The contract test kit that every plugin's tests subclass. */
package org.rnnlab.testkit;
