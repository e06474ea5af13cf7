#!/usr/bin/python3
"""Golden numbers from PyTorch for rnnlab's GruPytorchAgreementTest.

Everything is computed in float64 from fixed torch seeds and written to
architectures/src/test/resources/golden/ (or the folder given as the one argument):

  gru.json              one nn.GRU(3, 4) layer run from a random h0 on random inputs (T = 5,
                        batch 2): every output, h_n, and the gradient of
                        L = sum(R * output) + sum(S * h_n) with respect to every parameter, the
                        inputs and h0
  gru_2layers.json      the same for nn.GRU(3, 4, num_layers=2)
  gru_reset_before.json the same for one layer of Cho et al.'s first form (rnnlab's
                        resetAfter false), which nn.GRU lacks: written out with torch operations,
                        n = tanh(W_in x + b_in + W_hn (r * h) + b_hn), differentiated by autograd

Layout: batch_first=False, so an input tensor is [T, batch, features] and inputs[t] is the
[batch x features] matrix rnnlab takes at step t; h0 and h_n are [num_layers, batch, hidden].
Every tensor is {"shape": [...], "data": [...]} with data flat in row-major (C) order; numbers are
Python's repr of a float64, which reads back to the identical double. Parameters carry rnnlab's
state_dict names (rnn.weight_ih_l0, ...), which for nn.GRU are PyTorch's own under "rnn.".
"""

import torch
from torch import nn

import golden_common
from golden_common import header, output_folder, write_json

GENERATOR = "tools/golden/gru_golden.py"
INPUT, HIDDEN, BATCH, STEPS = 3, 4, 2, 5


def random_case(num_layers, seed):
    """Random parameters (wider than PyTorch's default, so the gates bend), inputs, h0, R and S."""
    return golden_common.random_case(
        seed, lambda: nn.GRU(INPUT, HIDDEN, num_layers=num_layers, batch_first=False),
        num_layers, INPUT, HIDDEN, BATCH, STEPS)


def gru_by_hand(x, h0, w_ih, w_hh, b_ih, b_hh, reset_after):
    """One GRU layer step by step; reset_after=True is nn.GRU's form, False Cho et al.'s first."""
    hidden = h0.shape[-1]
    h = h0
    outputs = []
    for t in range(x.shape[0]):
        gi = x[t] @ w_ih.T + b_ih
        gh = h @ w_hh.T + b_hh
        r = torch.sigmoid(gi[:, :hidden] + gh[:, :hidden])
        z = torch.sigmoid(gi[:, hidden:2 * hidden] + gh[:, hidden:2 * hidden])
        if reset_after:
            n = torch.tanh(gi[:, 2 * hidden:] + r * gh[:, 2 * hidden:])
        else:
            n = torch.tanh(gi[:, 2 * hidden:] + (r * h) @ w_hh[2 * hidden:].T + b_hh[2 * hidden:])
        h = (1 - z) * n + z * h
        outputs.append(h)
    return torch.stack(outputs), h.unsqueeze(0)


def document(description, seed, parameters, x, h0, r, s, output, h_n, reset_after, num_layers):
    doc = header(GENERATOR, description, seed, input_size=INPUT, hidden_size=HIDDEN, num_layers=num_layers,
                 reset_after=reset_after, batch=BATCH, steps=STEPS)
    return golden_common.differentiate(doc, parameters, x, h0, r, s, output, h_n)


def nn_gru_case(num_layers, seed):
    gru, x, h0, r, s = random_case(num_layers, seed)
    output, h_n = gru(x, h0)
    if num_layers == 1:
        # The hand-written loop below must be nn.GRU itself in its reset-after form, or the
        # reset-before case would test a loop nobody checked.
        p = dict(gru.named_parameters())
        by_hand, h_by_hand = gru_by_hand(x, h0[0], p["weight_ih_l0"], p["weight_hh_l0"], p["bias_ih_l0"],
                                         p["bias_hh_l0"], reset_after=True)
        assert torch.allclose(by_hand, output, rtol=0, atol=1e-14), "the hand-written GRU is not nn.GRU"
        assert torch.allclose(h_by_hand, h_n, rtol=0, atol=1e-14)
    parameters = {"rnn." + k: v for k, v in gru.named_parameters()}
    return document(f"nn.GRU({INPUT}, {HIDDEN}, num_layers={num_layers}), run from h0 on inputs; grad holds dL/d "
                    "of L = sum(R * output) + sum(S * h_n)", seed, parameters, x, h0, r, s, output, h_n,
                    True, num_layers)


def reset_before_case(seed):
    gru, x, h0, r, s = random_case(1, seed)
    parameters = {"rnn." + k: v for k, v in gru.named_parameters()}
    output, h_n = gru_by_hand(x, h0[0], *(parameters["rnn." + k + "_l0"]
                                          for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")),
                              reset_after=False)
    after, _ = gru_by_hand(x, h0[0], *(parameters["rnn." + k + "_l0"]
                                       for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")),
                           reset_after=True)
    # Worth having only if the two forms differ.
    assert (after - output).abs().max() > 1e-3, "reset before and after agree on this case"
    return document("GRU with the reset gate before W_hn (Cho et al. 2014, first form): "
                    "n = tanh(W_in x + b_in + W_hn (r * h) + b_hn), written out with torch operations in "
                    "nn.GRU's parameter layout; grad holds dL/d of L = sum(R * output) + sum(S * h_n)",
                    seed, parameters, x, h0, r, s, output, h_n, False, 1)


def main():
    out = output_folder()
    cases = {
        "gru": nn_gru_case(1, 20),
        "gru_2layers": nn_gru_case(2, 21),
        "gru_reset_before": reset_before_case(22),
    }
    for name, doc in cases.items():
        print("wrote", write_json(out, name, doc))


if __name__ == "__main__":
    torch.set_default_dtype(torch.float64)
    main()
