/** Named, independent random streams split from one run seed; see {@link org.rnnlab.random.RandomStreams}. */
package org.rnnlab.random;
