/**
 * Checkpoints as safetensors files, the format PyTorch and most other tools read, so that weights
 * move both ways between rnnlab and them.
 *
 * <p>{@link org.rnnlab.checkpoint.SafeTensors} writes and reads a list of
 * {@link org.rnnlab.checkpoint.NamedTensor}s with string metadata. Writes are atomic and carry a
 * SHA-256 of the tensor data; reads check the whole layout and that checksum, and refuse a damaged
 * file with a {@link org.rnnlab.checkpoint.CorruptCheckpointException} that says what is wrong.
 * Files written by other tools (F64 or F32, with or without metadata) are read too.
 */
package org.rnnlab.checkpoint;
