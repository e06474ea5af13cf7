"""What the golden generators (rnn_golden.py, gru_golden.py, lstm_golden.py) share.

Where they write, the provenance every file records, and for the {"shape": [...], "data": [...]}
layout of rnn_golden.py and gru_golden.py: the tensor format, the header, the seeded random case
and the document of L = sum(R * output) + sum(S * h_n) with its gradients. lstm_golden.py writes
nested lists in a layout of its own and draws its case differently (weights uniform in [-1, 1],
and c0 and U besides), so it takes only the folder and the provenance.
"""

import json
import pathlib
import sys

import torch

REPO = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "architectures" / "src" / "test" / "resources" / "golden"


def output_folder():
    """The folder given as the one argument, else the test resources' golden folder; created."""
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    return out


def write_json(out, name, doc):
    """Writes doc to out/name.json with one space of indent; returns the path."""
    path = out / (name + ".json")
    path.write_text(json.dumps(doc, indent=1) + "\n")
    return path


def provenance(generator, seed):
    """The fields that say which script, torch build and seed wrote a file."""
    return {"generator": generator, "torch": torch.__version__, "seed": seed}


def tensor(t):
    t = t.detach().to(torch.float64).contiguous()
    return {"shape": list(t.shape), "data": t.reshape(-1).tolist()}


def header(generator, description, seed, **config):
    return {
        **provenance(generator, seed),
        "description": description,
        "layout": "batch_first=False: a [T, batch, features] tensor holds at [t] the [batch x features] "
        "matrix of step t; h0 and h_n are [num_layers, batch, hidden]; data is row-major",
        "config": config,
    }


def random_case(seed, make_layers, num_layers, input_size, hidden, batch, steps):
    """Seeds torch, then makes the layers and draws everything a case needs.

    make_layers() builds the nn.RNN or nn.GRU after the seed, so that its construction is part of
    the seeded sequence; its parameters are then redrawn from N(0, 0.7²), wider than PyTorch's
    default ±1/sqrt(hidden), so that tanh and the gates bend and relu cuts. Returns the layers,
    the inputs x [steps, batch, input_size] and h0 [num_layers, batch, hidden] (both requiring
    grad), and the fixed R [steps, batch, hidden] and S [num_layers, batch, hidden] of
    L = sum(R * output) + sum(S * h_n).
    """
    torch.manual_seed(seed)
    layers = make_layers().double()
    with torch.no_grad():
        for p in layers.parameters():
            p.copy_(torch.randn(p.shape, dtype=torch.float64) * 0.7)
    x = torch.randn(steps, batch, input_size, dtype=torch.float64, requires_grad=True)
    h0 = (0.5 * torch.randn(num_layers, batch, hidden, dtype=torch.float64)).requires_grad_()
    r = torch.randn(steps, batch, hidden, dtype=torch.float64)
    s = torch.randn(num_layers, batch, hidden, dtype=torch.float64)
    return layers, x, h0, r, s


def differentiate(doc, parameters, x, h0, r, s, output, h_n):
    """Backward of L = sum(R * output) + sum(S * h_n); adds to doc (a header) the parameters, inputs,
    h0, R, S, the value of L, output, h_n and grad: dL/d every parameter, the inputs and h0.

    parameters maps rnnlab's state_dict names (rnn.weight_ih_l0, ...) to the tensors output came from.
    """
    functional = (r * output).sum() + (s * h_n).sum()
    functional.backward()
    doc["parameters"] = {name: tensor(p) for name, p in parameters.items()}
    doc["inputs"] = tensor(x)
    doc["h0"] = tensor(h0)
    doc["R"] = tensor(r)
    doc["S"] = tensor(s)
    doc["functional"] = functional.item()
    doc["output"] = tensor(output)
    doc["h_n"] = tensor(h_n)
    grad = {name: tensor(p.grad) for name, p in parameters.items()}
    grad["inputs"] = tensor(x.grad)
    grad["h0"] = tensor(h0.grad)
    doc["grad"] = grad
    return doc
