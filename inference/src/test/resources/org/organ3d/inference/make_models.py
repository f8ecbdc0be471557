#!/usr/bin/python3
"""Builds the small ONNX models that the inference tests run, with Debian's python3-onnx.

Every model's output is known exactly, so the tests can compare organ3d's sliding-window result
with a direct computation:

  threshold.onnx    point-wise two-class logits [t - x, x - t] (t = 100.5): argmax is x > t
  threshold_softmax.onnx   the same followed by Softmax over the channels
  sigmoid3.onnx     point-wise three-channel sigmoid probabilities of x - 100.5, x - 200.5, x - 300.5
  conv.onnx         Conv(1->4, 3x3x3, zero 'same' padding) -> Relu -> Conv(4->2, 3x3x3, 'same'),
                    fixed weights from numpy's seed 17 (also written to conv_weights.npz)
  conv_valid.onnx   the same two layers without padding (output 4 voxels smaller per axis)
  bins105.onnx      1x1x1 Conv with 105 output channels, logit_c = 2 m_c x - m_c^2 with
                    m_c = 10 c + 5.5: argmax is the nearest centre, i.e. floor((x - 0.5) / 10) clamped
  rank4.onnx        input of rank 4 (a 2D model), for the mismatch error
  two_channels.onnx input with 2 channels, for the mismatch error
  fixed_batch2.onnx the point-wise model with the batch dimension fixed to 2

Input shapes have symbolic batch and spatial dimensions (N, D, H, W) unless said otherwise.
Usage: make_models.py OUTDIR
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = [helper.make_opsetid("", 13)]


def save(graph, path):
    model = helper.make_model(graph, opset_imports=OPSET, producer_name="organ3d-tests")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, path)


def io(name, channels, rank=5, batch="N"):
    dims = [batch, channels] + (["D", "H", "W"] if rank == 5 else ["H", "W"])
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, dims)


def const(name, array):
    return numpy_helper.from_array(np.asarray(array, dtype=np.float32), name)


def threshold(out, t=100.5, softmax=False, batch="N", name="threshold.onnx"):
    nodes = [
        helper.make_node("Sub", ["x", "t"], ["above"]),
        helper.make_node("Neg", ["above"], ["below"]),
        helper.make_node("Concat", ["below", "above"], ["logits" if softmax else "y"], axis=1),
    ]
    if softmax:
        nodes.append(helper.make_node("Softmax", ["logits"], ["y"], axis=1))
    g = helper.make_graph(nodes, "threshold", [io("x", 1, batch=batch)], [io("y", 2, batch=batch)],
                          [const("t", [t])])
    save(g, os.path.join(out, name))


def sigmoid3(out):
    t = np.array([100.5, 200.5, 300.5], dtype=np.float32).reshape(1, 3, 1, 1, 1)
    nodes = [helper.make_node("Sub", ["x", "t"], ["d"]), helper.make_node("Sigmoid", ["d"], ["y"])]
    g = helper.make_graph(nodes, "sigmoid3", [io("x", 1)], [io("y", 3)], [const("t", t)])
    save(g, os.path.join(out, "sigmoid3.onnx"))


def conv(out):
    rng = np.random.default_rng(17)
    w1 = rng.normal(0, 0.3, (4, 1, 3, 3, 3)).astype(np.float32)
    b1 = rng.normal(0, 0.1, (4,)).astype(np.float32)
    w2 = rng.normal(0, 0.3, (2, 4, 3, 3, 3)).astype(np.float32)
    b2 = rng.normal(0, 0.1, (2,)).astype(np.float32)
    np.savez(os.path.join(out, "conv_weights.npz"), w1=w1, b1=b1, w2=w2, b2=b2)
    for pad, name in ((1, "conv.onnx"), (0, "conv_valid.onnx")):
        nodes = [
            helper.make_node("Conv", ["x", "w1", "b1"], ["h"], kernel_shape=[3, 3, 3], pads=[pad] * 6),
            helper.make_node("Relu", ["h"], ["r"]),
            helper.make_node("Conv", ["r", "w2", "b2"], ["y"], kernel_shape=[3, 3, 3], pads=[pad] * 6),
        ]
        outs = ["D", "H", "W"] if pad else ["Do", "Ho", "Wo"]
        g = helper.make_graph(nodes, "conv", [io("x", 1)],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2] + outs)],
                              [const("w1", w1), const("b1", b1), const("w2", w2), const("b2", b2)])
        save(g, os.path.join(out, name))


def bins(out, channels=105):
    m = 10.0 * np.arange(channels) + 5.5
    w = (2 * m).astype(np.float32).reshape(channels, 1, 1, 1, 1)
    b = (-m * m).astype(np.float32)
    nodes = [helper.make_node("Conv", ["x", "w", "b"], ["y"], kernel_shape=[1, 1, 1])]
    g = helper.make_graph(nodes, "bins", [io("x", 1)], [io("y", channels)], [const("w", w), const("b", b)])
    save(g, os.path.join(out, "bins%d.onnx" % channels))


def rank4(out):
    nodes = [helper.make_node("Identity", ["x"], ["y"])]
    g = helper.make_graph(nodes, "rank4", [io("x", 1, rank=4)], [io("y", 1, rank=4)])
    save(g, os.path.join(out, "rank4.onnx"))


def two_channels(out):
    nodes = [helper.make_node("Identity", ["x"], ["y"])]
    g = helper.make_graph(nodes, "two_channels", [io("x", 2)], [io("y", 2)])
    save(g, os.path.join(out, "two_channels.onnx"))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    threshold(out)
    threshold(out, softmax=True, name="threshold_softmax.onnx")
    threshold(out, batch=2, name="fixed_batch2.onnx")
    sigmoid3(out)
    conv(out)
    bins(out)
    rank4(out)
    two_channels(out)


if __name__ == "__main__":
    main()
