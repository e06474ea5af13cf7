#!/usr/bin/python3
"""Golden numbers from PyTorch for rnnlab's PytorchAgreementTest.

Everything is computed in float64 from fixed torch seeds and written to
architectures/src/test/resources/golden/ (or the folder given as the one argument):

  rnn_tanh.json, rnn_relu.json   one nn.RNN layer: every output, h_n, and the gradient of a fixed
                                 random linear functional with respect to every parameter, the
                                 inputs and h0
  rnn_tanh_2layers.json          the same for nn.RNN(num_layers=2)
  update_sgd.json                nn.RNN + nn.Linear on the last step, MSE loss, clip_grad_norm_
                                 (which fires), one torch.optim.SGD step
  update_sgd_momentum.json       the same model with SGD momentum 0.9 over two batches; clipping
                                 fires on the first update and not on the second
  update_model_f64.safetensors   update_sgd.json's initial state_dict, F64 and F32, written by
  update_model_f32.safetensors   hand in the safetensors layout (the safetensors package is not
                                 needed)

Layout: nn.RNN runs with batch_first=False, so an input tensor is [T, batch, features] and
inputs[t] is the [batch x features] matrix rnnlab takes at step t. Every tensor in the JSON files is
{"shape": [...], "data": [...]} with data flat in row-major (C) order; numbers are Python's repr of
a float64, which reads back to the identical double.
"""

import json
import struct

import torch
from torch import nn

from golden_common import differentiate, header, output_folder, random_case, tensor, write_json

GENERATOR = "tools/golden/rnn_golden.py"

# torch.optim.SGD and clip_grad_norm_ settings shared by both update files.
LR = 0.1
MAX_NORM = 1.0
MOMENTUM = 0.9


def cell_case(name, nonlinearity, num_layers, seed, input_size=3, hidden=4, batch=2, steps=5):
    """One nn.RNN, random everything, and L = sum(R * output) + sum(S * h_n) differentiated."""
    rnn, x, h0, r, s = random_case(
        seed, lambda: nn.RNN(input_size, hidden, num_layers=num_layers, nonlinearity=nonlinearity,
                             batch_first=False),
        num_layers, input_size, hidden, batch, steps)
    output, h_n = rnn(x, h0)

    if nonlinearity == "relu":
        # The case is only worth having if relu clips some units and passes others.
        assert (output == 0).any() and (output > 0).any(), "relu case needs both dead and live units"

    doc = header(
        GENERATOR,
        f"nn.RNN({input_size}, {hidden}, num_layers={num_layers}, nonlinearity='{nonlinearity}'), "
        "run from h0 on inputs; grad holds dL/d of L = sum(R * output) + sum(S * h_n)",
        seed, input_size=input_size, hidden_size=hidden, num_layers=num_layers,
        nonlinearity=nonlinearity, batch=batch, steps=steps)
    parameters = {"rnn." + k: v for k, v in rnn.named_parameters()}
    return name, differentiate(doc, parameters, x, h0, r, s, output, h_n)


class Net(nn.Module):
    """rnnlab's model: attribute names give exactly rnnlab's state_dict names."""

    def __init__(self, input_size, hidden):
        super().__init__()
        self.rnn = nn.RNN(input_size, hidden, nonlinearity="tanh", batch_first=False)
        self.readout = nn.Linear(hidden, 1)

    def forward(self, x):
        output, _ = self.rnn(x)  # h0 = zeros, as rnnlab starts a batch without initial states
        return self.readout(output[-1])


def new_net(seed, input_size=2, hidden=8):
    torch.manual_seed(seed)
    return Net(input_size, hidden).double()  # PyTorch's default initialization


def state(net):
    return {k: tensor(v) for k, v in net.state_dict().items()}


def one_update(net, optimizer, x, y):
    """zero_grad, MSE, backward, clip, step; returns what the golden file records of it."""
    optimizer.zero_grad()
    loss = nn.MSELoss(reduction="mean")(net(x), y)
    loss.backward()
    grads = {k: tensor(p.grad) for k, p in net.named_parameters()}
    total_norm = torch.nn.utils.clip_grad_norm_(net.parameters(), max_norm=MAX_NORM)
    clipped = total_norm.item() + 1e-6 > MAX_NORM
    optimizer.step()
    return {
        "batch": {"inputs": tensor(x), "targets": tensor(y)},
        "loss": loss.item(),
        "grad_before_clip": grads,
        "total_norm": total_norm.item(),
        "clipped": clipped,
        "parameters_after": state(net),
    }


UPDATE_CONFIG = dict(input_size=2, hidden_size=8, output_size=1, batch=4, steps=6, loss="mse (mean)",
                     read_at="last step", lr=LR, clip_max_norm=MAX_NORM, clip_epsilon=1e-6)


def first_batch(seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(6, 4, 2, generator=g, dtype=torch.float64)
    # Targets far from what a fresh net predicts, so the gradient norm is well above 1.
    y = 3.0 * torch.randn(4, 1, generator=g, dtype=torch.float64)
    return x, y


def update_case(seed):
    net = new_net(seed)
    doc = header(GENERATOR,
                 "nn.RNN(2, 8, tanh) + nn.Linear(8, 1) on output[-1], nn.MSELoss(mean), backward, "
                 f"clip_grad_norm_(max_norm={MAX_NORM}), torch.optim.SGD(lr={LR}).step()", seed, **UPDATE_CONFIG)
    doc["parameters_before"] = state(net)
    x, y = first_batch(seed + 1)
    doc["updates"] = [one_update(net, torch.optim.SGD(net.parameters(), lr=LR), x, y)]
    assert doc["updates"][0]["total_norm"] > 2 * MAX_NORM, "clipping must fire clearly"
    return "update_sgd", doc, new_net(seed)


def momentum_case(seed):
    net = new_net(seed)
    doc = header(GENERATOR,
                 "as update_sgd, with torch.optim.SGD(lr=0.1, momentum=0.9) over two batches; the second "
                 "batch's targets are the net's own predictions plus small noise, so clipping fires on update 1 "
                 "and not on update 2", seed, momentum=MOMENTUM, **UPDATE_CONFIG)
    doc["parameters_before"] = state(net)
    optimizer = torch.optim.SGD(net.parameters(), lr=LR, momentum=MOMENTUM)
    x1, y1 = first_batch(seed + 1)
    first = one_update(net, optimizer, x1, y1)
    g = torch.Generator().manual_seed(seed + 2)
    x2 = torch.randn(6, 4, 2, generator=g, dtype=torch.float64)
    with torch.no_grad():
        y2 = net(x2) + 0.05 * torch.randn(4, 1, generator=g, dtype=torch.float64)
    second = one_update(net, optimizer, x2, y2)
    assert first["clipped"] and first["total_norm"] > 2 * MAX_NORM, "update 1 must clip"
    assert not second["clipped"] and second["total_norm"] < 0.5 * MAX_NORM, "update 2 must not clip"
    doc["updates"] = [first, second]
    return "update_sgd_momentum", doc


def write_safetensors(path, state_dict, dtype):
    """The safetensors layout by hand: u64 header length, JSON header padded with spaces to a
    multiple of 8, then each tensor's little-endian bytes in C order, without gaps."""
    names = {torch.float64: "F64", torch.float32: "F32"}
    entries, blobs, offset = {}, [], 0
    for name, value in state_dict.items():
        little_endian = "<f8" if dtype == torch.float64 else "<f4"
        data = value.detach().to(dtype).contiguous().numpy().astype(little_endian)
        blob = data.tobytes()
        entries[name] = {"dtype": names[dtype], "shape": list(value.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    entries["__metadata__"] = {"format": "pt"}
    text = json.dumps(entries, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def read_safetensors(path):
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    entries = json.loads(raw[8:8 + n])
    entries.pop("__metadata__", None)
    out = {}
    for name, e in entries.items():
        begin, end = e["data_offsets"]
        dtype = {"F64": torch.float64, "F32": torch.float32}[e["dtype"]]
        out[name] = torch.frombuffer(bytearray(raw[8 + n + begin:8 + n + end]), dtype=dtype).reshape(e["shape"])
    return out


def main():
    out = output_folder()
    torch.set_default_dtype(torch.float64)

    docs = [
        cell_case("rnn_tanh", "tanh", 1, seed=1001),
        cell_case("rnn_relu", "relu", 1, seed=1002),
        cell_case("rnn_tanh_2layers", "tanh", 2, seed=1003),
    ]
    name, doc, fresh = update_case(seed=2001)
    docs.append((name, doc))
    docs.append(momentum_case(seed=2001))
    for name, doc in docs:
        write_json(out, name, doc)

    # The checkpoints hold update_sgd.json's initial weights; check them by reading them back.
    for dtype, suffix in ((torch.float64, "f64"), (torch.float32, "f32")):
        path = out / f"update_model_{suffix}.safetensors"
        write_safetensors(path, fresh.state_dict(), dtype)
        back = read_safetensors(path)
        assert list(back) == list(fresh.state_dict())
        for k, v in fresh.state_dict().items():
            assert torch.equal(back[k], v.to(dtype)), k
        reloaded = Net(2, 8).double()
        reloaded.load_state_dict({k: v.double() for k, v in back.items()})
    print("wrote", ", ".join(sorted(p.name for p in out.iterdir())), "to", out)


if __name__ == "__main__":
    main()
