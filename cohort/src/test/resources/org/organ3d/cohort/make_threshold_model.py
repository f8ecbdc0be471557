"""Writes a point-wise two-class ONNX model whose logits are [t - x, x - t]: its argmax labels exactly
the voxels with x > t, so a cohort run with it can be checked voxel for voxel against a count of the
image. Usage: python3 make_threshold_model.py OUT.onnx T   (Debian's python3-onnx)"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out, t = sys.argv[1], float(sys.argv[2])
x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 1, "Z", "Y", "X"])
y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2, "Z", "Y", "X"])
tc = numpy_helper.from_array(np.array([t], dtype=np.float32), "t")
nodes = [
    helper.make_node("Sub", ["t", "x"], ["below"]),
    helper.make_node("Sub", ["x", "t"], ["above"]),
    helper.make_node("Concat", ["below", "above"], ["y"], axis=1),
]
graph = helper.make_graph(nodes, "threshold", [x], [y], initializer=[tc])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, out)
