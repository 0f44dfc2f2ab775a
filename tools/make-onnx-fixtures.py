#!/usr/bin/env python3
"""Trains two small binarized networks on MNIST with PyTorch and exports each to ONNX twice.

Run once (Debian's python3-torch, PyTorch 1.13; python3-onnx only to print a summary):
    /usr/bin/python3 tools/make-onnx-fixtures.py /work/shared/data/mnist Circuit.Tests/Network/Exchange/Fixtures

Networks (inputs are pixels / 255, no normalization):
  padded: conv 3x3 pad 1 (1->8) BN sign maxpool 2 | conv 3x3 pad 1 stride 2 (8->16) BN sign | flatten |
          linear 784->64 BN sign | linear 64->10 BN                    (every weight binary)
  hybrid: conv 5x5 pad 2 stride 2 (1->8, float weights) BN hardtanh sign | conv 3x3 pad 1 (8->16) BN sign
          maxpool 3 stride 2 | flatten | linear 576->64 BN sign | linear 64->10 (float weights, bias)
Each is exported as
  NAME-folded.onnx   default settings from a copy whose binary weights are stored as +-1 parameters: the exporter
                     folds eval-mode batch-norm into the convolutions (weights +-alpha_c plus a bias);
  NAME-signs.onnx    do_constant_folding=False from the training modules: Sign(weight initializer), explicit
                     BatchNormalization, Clip before Sign where the network has a hard-tanh.
NAME-predictions.txt holds PyTorch's own prediction for each of the 10,000 test images (one per line), computed
with torch.sign, so a pre-activation of exactly 0 gives 0 there as in ONNX Sign.
"""
import gzip
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">i", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "i" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class SignSTE(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.sign(x)

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * (x.abs() <= 1).to(g.dtype)


def binarize(x, training):
    return SignSTE.apply(x) if training else torch.sign(x)


class BinConv(nn.Conv2d):
    def forward(self, x):
        return F.conv2d(x, binarize(self.weight, self.training), None, self.stride, self.padding)


class BinLinear(nn.Linear):
    def forward(self, x):
        return F.linear(x, binarize(self.weight, self.training), None)


class Act(nn.Module):
    """Sign of the input (straight-through in training); with clip=True a hard-tanh comes first (Clip in ONNX)."""

    def __init__(self, clip=False):
        super().__init__()
        self.clip = clip

    def forward(self, x):
        if self.clip:
            x = F.hardtanh(x)
        return binarize(x, self.training)


def padded_net():
    return nn.Sequential(
        BinConv(1, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), Act(), nn.MaxPool2d(2),
        BinConv(8, 16, 3, padding=1, stride=2, bias=False), nn.BatchNorm2d(16), Act(), nn.Flatten(),
        BinLinear(784, 64, bias=False), nn.BatchNorm1d(64), Act(),
        BinLinear(64, 10, bias=False), nn.BatchNorm1d(10))


def hybrid_net():
    return nn.Sequential(
        nn.Conv2d(1, 8, 5, padding=2, stride=2, bias=False), nn.BatchNorm2d(8), Act(clip=True),
        BinConv(8, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), Act(), nn.MaxPool2d(3, stride=2), nn.Flatten(),
        BinLinear(576, 64, bias=False), nn.BatchNorm1d(64), Act(),
        nn.Linear(64, 10))


def folded_copy(net):
    """The same network with binary weights stored as +-1 parameters of plain layers (what users export)."""
    layers = []
    for m in net:
        if isinstance(m, BinConv):
            c = nn.Conv2d(m.in_channels, m.out_channels, m.kernel_size, m.stride, m.padding, bias=False)
            c.weight.data = torch.sign(m.weight.data)
            layers.append(c)
        elif isinstance(m, BinLinear):
            lin = nn.Linear(m.in_features, m.out_features, bias=False)
            lin.weight.data = torch.sign(m.weight.data)
            layers.append(lin)
        else:
            layers.append(m)
    return nn.Sequential(*layers).eval()


def main():
    data, out = sys.argv[1], sys.argv[2]
    torch.manual_seed(1)
    torch.set_num_threads(1)
    xtr = torch.from_numpy(idx(os.path.join(data, "train-images-idx3-ubyte.gz")).astype(np.float32) / 255).unsqueeze(1)
    ytr = torch.from_numpy(idx(os.path.join(data, "train-labels-idx1-ubyte.gz")).astype(np.int64))
    xte = torch.from_numpy(idx(os.path.join(data, "t10k-images-idx3-ubyte.gz")).astype(np.float32) / 255).unsqueeze(1)
    yte = torch.from_numpy(idx(os.path.join(data, "t10k-labels-idx1-ubyte.gz")).astype(np.int64))
    for name, make in (("padded", padded_net), ("hybrid", hybrid_net)):
        net = make()
        opt = torch.optim.Adam(net.parameters(), lr=3e-3)
        net.train()
        perm = torch.randperm(len(xtr))
        for i in range(0, len(xtr), 100):
            b = perm[i:i + 100]
            loss = F.cross_entropy(net(xtr[b]), ytr[b])
            opt.zero_grad()
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            pred = torch.cat([net(xte[i:i + 500]).argmax(1) for i in range(0, len(xte), 500)])
            folded = folded_copy(net)
            pred2 = torch.cat([folded(xte[i:i + 500]).argmax(1) for i in range(0, len(xte), 500)])
        acc = (pred == yte).float().mean().item()
        print(f"{name}: PyTorch accuracy {acc:.4f}, folded copy agrees on {(pred == pred2).sum().item()}/10000")
        with open(os.path.join(out, f"{name}-predictions.txt"), "w") as f:
            f.write("".join(f"{p}\n" for p in pred.tolist()))
        dummy = torch.zeros(1, 1, 28, 28)
        torch.onnx.export(folded, dummy, os.path.join(out, f"{name}-folded.onnx"), opset_version=13,
                          input_names=["input"], output_names=["logits"])
        torch.onnx.export(net, dummy, os.path.join(out, f"{name}-signs.onnx"), opset_version=13,
                          do_constant_folding=False, input_names=["input"], output_names=["logits"])
        try:
            import onnx
            for kind in ("folded", "signs"):
                g = onnx.load(os.path.join(out, f"{name}-{kind}.onnx")).graph
                print(f"  {name}-{kind}: " + " ".join(n.op_type for n in g.node))
        except ImportError:
            pass


if __name__ == "__main__":
    main()
