#!/usr/bin/python3
"""Golden values of PyTorch's nn.LSTM for rnnlab's LstmPytorchAgreementTest.

Writes architectures/src/test/resources/golden/lstm_1_layer.json and lstm_2_layers.json: an
nn.LSTM(3, 4) in float64 with weights uniform in [-1, 1], a batch of 2 sequences of 5 steps
(PyTorch's default layout [T, batch, features]), random h0 and c0; its outputs, final h and c, and
the gradients of

    L = sum(R * output) + sum(S * h_n) + sum(U * c_n)

for fixed random R, S, U with respect to every parameter, the inputs, h0 and c0. Parameters are named
as in the state_dict of a module whose nn.LSTM attribute is called `rnn` (rnn.weight_ih_l0, ...).
Everything is seeded, so a rerun writes the same files. Run with Debian's interpreter:

    /usr/bin/python3 tools/golden/lstm_golden.py
"""
import json

import torch

from golden_common import DEFAULT_OUT as OUT, provenance

INPUT, HIDDEN, BATCH, STEPS = 3, 4, 2, 5


class Holder(torch.nn.Module):
    """Gives the LSTM's parameters the state_dict prefix `rnn.`, as rnnlab's checkpoints use."""

    def __init__(self, layers):
        super().__init__()
        self.rnn = torch.nn.LSTM(INPUT, HIDDEN, num_layers=layers, dtype=torch.float64)


def tensors(named):
    return {name: t.detach().tolist() for name, t in named.items()}


def golden(layers, seed):
    torch.manual_seed(seed)
    model = Holder(layers)
    with torch.no_grad():
        for p in model.parameters():
            p.uniform_(-1, 1)
    f64 = dict(dtype=torch.float64)
    x = torch.randn(STEPS, BATCH, INPUT, **f64).requires_grad_()
    h0 = (0.5 * torch.randn(layers, BATCH, HIDDEN, **f64)).requires_grad_()
    c0 = torch.randn(layers, BATCH, HIDDEN, **f64).requires_grad_()
    r = torch.randn(STEPS, BATCH, HIDDEN, **f64)
    s = torch.randn(layers, BATCH, HIDDEN, **f64)
    u = torch.randn(layers, BATCH, HIDDEN, **f64)

    output, (h_n, c_n) = model.rnn(x, (h0, c0))
    loss = (r * output).sum() + (s * h_n).sum() + (u * c_n).sum()
    loss.backward()

    gradients = {name: p.grad for name, p in model.named_parameters()}
    gradients.update(input=x.grad, h0=h0.grad, c0=c0.grad)
    return {
        **provenance("tools/golden/lstm_golden.py", seed),
        "input_size": INPUT,
        "hidden_size": HIDDEN,
        "num_layers": layers,
        "batch": BATCH,
        "steps": STEPS,
        "loss": "sum(R * output) + sum(S * h_n) + sum(U * c_n)",
        "state_dict": tensors(model.state_dict()),
        "input": x.tolist(),
        "h0": h0.tolist(),
        "c0": c0.tolist(),
        "R": r.tolist(),
        "S": s.tolist(),
        "U": u.tolist(),
        "output": output.tolist(),
        "h_n": h_n.tolist(),
        "c_n": c_n.tolist(),
        "loss_value": loss.item(),
        "gradients": tensors(gradients),
    }


def dump(data):
    """JSON with one line per tensor, so a regenerated file's diff shows which tensors changed."""
    def entries(d, indent):
        return ",\n".join(indent + json.dumps(k) + ": " + (
            "{\n" + entries(v, indent + " ") + "\n" + indent + "}" if isinstance(v, dict) else json.dumps(v))
            for k, v in d.items())
    return "{\n" + entries(data, " ") + "\n}\n"


def main():
    torch.use_deterministic_algorithms(True)
    OUT.mkdir(parents=True, exist_ok=True)
    for layers, name in ((1, "lstm_1_layer.json"), (2, "lstm_2_layers.json")):
        # Python's float repr is the shortest string that reads back as the same double.
        (OUT / name).write_text(dump(golden(layers, seed=layers)))
        print("wrote", OUT / name)


if __name__ == "__main__":
    main()
