"""Independent PyTorch reference for the C# nn / functional / optim parity tests.

Run with Debian's /usr/bin/python3 (which has torch 1.13):

    ModuleReference.py generate OUT_DIR     writes one CASE.safetensors per parity case
    ModuleReference.py describe FILE        prints a C#-written safetensors file as JSON

Every case file holds the inputs and initial weights (so C# runs the very same numbers), plus what
PyTorch computed from them: forward output, gradients of a fixed weighted sum of the output with
respect to the input and every parameter, and (for optimizers) the parameters after each step.

The safetensors format is written and parsed by hand on purpose (8-byte little-endian header length,
JSON header, raw little-endian data): it keeps this script independent of the C# implementation and
of the `safetensors` pip package, which is not installed here.
"""
import json
import struct
import sys
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

DTYPES = {
    torch.float32: ("F32", 4),
    torch.float64: ("F64", 8),
    torch.int64: ("I64", 8),
    torch.int32: ("I32", 4),
    torch.bool: ("BOOL", 1),
}
DTYPE_BY_NAME = {name: dtype for dtype, (name, _) in DTYPES.items()}


def write_safetensors(path, tensors, metadata=None):
    header = {}
    blobs = []
    offset = 0
    for name, tensor in tensors.items():
        tensor = tensor.detach().contiguous()
        dtype_name, _ = DTYPES[tensor.dtype]
        data = tensor.numpy().tobytes() if tensor.dtype != torch.bool else tensor.to(torch.uint8).numpy().tobytes()
        header[name] = {"dtype": dtype_name, "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header["__metadata__"] = {key: str(value) for key, value in metadata.items()}
    header_bytes = json.dumps(header).encode("utf-8")
    # The format allows padding the header with spaces; aligning the data to 8 bytes is customary.
    header_bytes += b" " * ((8 - len(header_bytes) % 8) % 8)
    with open(path, "wb") as stream:
        stream.write(struct.pack("<Q", len(header_bytes)))
        stream.write(header_bytes)
        for blob in blobs:
            stream.write(blob)


def read_safetensors(path):
    raw = Path(path).read_bytes()
    (header_length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + header_length].decode("utf-8"))
    data = raw[8 + header_length:]
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        start, end = entry["data_offsets"]
        dtype = DTYPE_BY_NAME[entry["dtype"]]
        buffer = bytearray(data[start:end])
        if dtype == torch.bool:
            flat = torch.frombuffer(buffer, dtype=torch.uint8).to(torch.bool) if buffer else torch.zeros(0, dtype=torch.bool)
        else:
            flat = torch.frombuffer(buffer, dtype=dtype) if buffer else torch.zeros(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"])
    return tensors, metadata


# ---------------------------------------------------------------------------------------------
# Module cases: (factory, input shape). The C# test builds the same module with the same arguments.
# ---------------------------------------------------------------------------------------------

class SelfAttentionBlock(nn.Module):
    """Mirror of the C# SelfAttention block: residual multi-head self-attention over the time axis,
    with pre-normalisation, on [batch, time, channels] input."""

    def __init__(self, channels, heads):
        super().__init__()
        self.norm = nn.LayerNorm(channels)
        self.attention = nn.MultiheadAttention(channels, heads, batch_first=True)

    def forward(self, x):
        normalised = self.norm(x)
        attended, _ = self.attention(normalised, normalised, normalised, need_weights=False)
        return x + attended


def module_cases():
    return {
        "linear": (lambda: nn.Linear(6, 5), (4, 6)),
        "linear_nobias": (lambda: nn.Linear(6, 5, bias=False), (2, 3, 6)),
        "conv1d": (lambda: nn.Conv1d(3, 4, 3, stride=2, padding=1), (2, 3, 11)),
        "conv2d": (lambda: nn.Conv2d(2, 3, (3, 2), stride=(2, 1), padding=(1, 2), dilation=(2, 1)), (2, 2, 9, 7)),
        "conv_transpose2d": (lambda: nn.ConvTranspose2d(3, 2, 4, stride=2, padding=1), (2, 3, 5, 4)),
        "upsample_nearest": (lambda: nn.Upsample(scale_factor=2, mode="nearest"), (2, 3, 4, 5)),
        "upsample_bilinear": (lambda: nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False), (2, 3, 4, 5)),
        "layer_norm": (lambda: nn.LayerNorm([4, 5]), (3, 2, 4, 5)),
        "batch_norm1d_train": (lambda: nn.BatchNorm1d(4), (6, 4, 3)),
        "batch_norm2d_train": (lambda: nn.BatchNorm2d(3), (4, 3, 5, 2)),
        "batch_norm2d_eval": (lambda: nn.BatchNorm2d(3).eval(), (4, 3, 5, 2)),
        "leaky_relu": (lambda: nn.LeakyReLU(0.2), (3, 7)),
        "relu": (lambda: nn.ReLU(), (3, 7)),
        "dropout_eval": (lambda: nn.Dropout(0.5).eval(), (3, 7)),
        "sequential": (lambda: nn.Sequential(nn.Linear(5, 8), nn.LeakyReLU(0.1), nn.Linear(8, 3)), (4, 5)),
        "multihead_attention": (lambda: nn.MultiheadAttention(8, 2, batch_first=True), (2, 5, 8)),
        "self_attention": (lambda: SelfAttentionBlock(8, 2), (2, 6, 8)),
    }


def randomise_buffers(module):
    """Running statistics start at 0/1; perturb them so eval-mode normalisation is actually exercised."""
    with torch.no_grad():
        for name, buffer in module.named_buffers():
            if name.endswith("running_mean"):
                buffer.copy_(torch.randn_like(buffer) * 0.3)
            elif name.endswith("running_var"):
                buffer.copy_(torch.rand_like(buffer) + 0.5)


def run_module_case(factory, input_shape):
    module = factory()
    randomise_buffers(module)
    initial_state = {k: v.clone() for k, v in module.state_dict().items()}
    x = torch.randn(*input_shape, requires_grad=True)
    if isinstance(module, nn.MultiheadAttention):
        output, _ = module(x, x, x, need_weights=False)
    else:
        output = module(x)
    grad_output = torch.randn_like(output)
    (output * grad_output).sum().backward()
    tensors = {"input": x, "output": output, "grad_output": grad_output, "grad.input": x.grad}
    for name, value in initial_state.items():
        tensors["initial." + name] = value
    for name, parameter in module.named_parameters():
        tensors["grad." + name] = parameter.grad
    for name, buffer in module.named_buffers():
        # Buffers after the forward pass (BatchNorm's running statistics move in training mode).
        tensors["final." + name] = buffer
    return tensors


# ---------------------------------------------------------------------------------------------
# Functional cases: each returns the tensors to save. Inputs named input*, outputs output*, grads grad.*
# ---------------------------------------------------------------------------------------------

def differentiable(tensor):
    return tensor.clone().requires_grad_(True)


def functional_with_grad(function, constants=("target", "class_weight"), **inputs):
    """Runs `function` on copies of `inputs`; every floating input not named in `constants` gets a gradient."""
    leaves = {name: differentiable(value) if value.is_floating_point() and name not in constants else value
              for name, value in inputs.items()}
    output = function(**leaves)
    grad_output = torch.randn_like(output)
    (output * grad_output).sum().backward()
    tensors = {"output": output, "grad_output": grad_output}
    for name, leaf in leaves.items():
        tensors[name] = leaf
        if leaf.requires_grad:
            tensors["grad." + name] = leaf.grad
    return tensors


def functional_cases():
    logits = torch.randn(5, 4)
    targets = torch.tensor([0, 3, 1, 1, 2])
    class_weights = torch.rand(4) + 0.5
    log_p = F.log_softmax(torch.randn(3, 6), dim=1)
    log_q = F.log_softmax(torch.randn(3, 6), dim=1)
    return {
        "softmax": lambda: functional_with_grad(lambda input: F.softmax(input, dim=1), input=torch.randn(3, 5, 2)),
        "log_softmax": lambda: functional_with_grad(lambda input: F.log_softmax(input, dim=-1), input=torch.randn(4, 6)),
        "cross_entropy_mean": lambda: functional_with_grad(
            lambda input, target: F.cross_entropy(input, target).reshape(1), input=logits, target=targets),
        "cross_entropy_weighted_mean": lambda: functional_with_grad(
            lambda input, target, class_weight: F.cross_entropy(input, target, weight=class_weight).reshape(1),
            input=logits, target=targets, class_weight=class_weights),
        "cross_entropy_weighted_sum": lambda: functional_with_grad(
            lambda input, target, class_weight: F.cross_entropy(input, target, weight=class_weight,
                                                                reduction="sum").reshape(1),
            input=logits, target=targets, class_weight=class_weights),
        "cross_entropy_none": lambda: functional_with_grad(
            lambda input, target: F.cross_entropy(input, target, reduction="none"), input=logits, target=targets),
        "kl_div_batchmean": lambda: functional_with_grad(
            lambda input, target: F.kl_div(input, target, reduction="batchmean").reshape(1),
            input=log_q, target=log_p.exp()),
        "kl_div_log_target_sum": lambda: functional_with_grad(
            lambda input, target: F.kl_div(input, target, reduction="sum", log_target=True).reshape(1),
            input=log_q, target=log_p),
        "mse_loss": lambda: functional_with_grad(
            lambda input, target: F.mse_loss(input, target).reshape(1), input=torch.randn(3, 4), target=torch.randn(3, 4)),
        "l1_loss_sum": lambda: functional_with_grad(
            lambda input, target: F.l1_loss(input, target, reduction="sum").reshape(1),
            input=torch.randn(3, 4), target=torch.randn(3, 4)),
        "one_hot": lambda: {"input": targets, "output": F.one_hot(targets, num_classes=6)},
        "pad_constant": lambda: functional_with_grad(
            lambda input: F.pad(input, (1, 2, 0, 3), value=0.5), input=torch.randn(2, 3, 4)),
        "pad_reflect": lambda: functional_with_grad(
            lambda input: F.pad(input, (2, 1), mode="reflect"), input=torch.randn(2, 3, 5)),
        "leaky_relu": lambda: functional_with_grad(lambda input: F.leaky_relu(input, 0.3), input=torch.randn(4, 5)),
        "layer_norm": lambda: functional_with_grad(
            lambda input, weight, bias: F.layer_norm(input, (5,), weight, bias, eps=1e-5),
            input=torch.randn(3, 5), weight=torch.randn(5), bias=torch.randn(5)),
        "batch_norm_train": lambda: functional_with_grad(
            lambda input, weight, bias: F.batch_norm(input, None, None, weight, bias, training=True, eps=1e-5),
            input=torch.randn(6, 3), weight=torch.randn(3), bias=torch.randn(3)),
        "linear": lambda: functional_with_grad(
            lambda input, weight, bias: F.linear(input, weight, bias),
            input=torch.randn(2, 4), weight=torch.randn(3, 4), bias=torch.randn(3)),
        "conv1d": lambda: functional_with_grad(
            lambda input, weight, bias: F.conv1d(input, weight, bias, stride=1, padding=2, dilation=2),
            input=torch.randn(2, 3, 8), weight=torch.randn(4, 3, 3), bias=torch.randn(4)),
        "conv2d": lambda: functional_with_grad(
            lambda input, weight, bias: F.conv2d(input, weight, bias, stride=2, padding=1),
            input=torch.randn(1, 2, 6, 7), weight=torch.randn(3, 2, 3, 3), bias=torch.randn(3)),
        "conv_transpose2d": lambda: functional_with_grad(
            lambda input, weight, bias: F.conv_transpose2d(input, weight, bias, stride=2, padding=1, output_padding=1),
            input=torch.randn(1, 2, 3, 4), weight=torch.randn(2, 3, 3, 3), bias=torch.randn(3)),
        "interpolate_nearest": lambda: functional_with_grad(
            lambda input: F.interpolate(input, scale_factor=2, mode="nearest"), input=torch.randn(1, 2, 3, 4)),
        "interpolate_bilinear": lambda: functional_with_grad(
            lambda input: F.interpolate(input, size=(5, 7), mode="bilinear", align_corners=True),
            input=torch.randn(1, 2, 3, 4)),
    }


# ---------------------------------------------------------------------------------------------
# Optimizer trajectories: a two-layer net on a fixed regression problem, 10 steps.
# ---------------------------------------------------------------------------------------------

OPTIMIZER_STEPS = 10


def optimizer_cases():
    return {
        "optim_adam": lambda params: torch.optim.Adam(params, lr=0.01, betas=(0.8, 0.95), eps=1e-7, weight_decay=0.01),
        "optim_adamw": lambda params: torch.optim.AdamW(params, lr=0.01, betas=(0.9, 0.99), eps=1e-8, weight_decay=0.1),
        "optim_sgd": lambda params: torch.optim.SGD(params, lr=0.05, momentum=0.9, weight_decay=0.01),
        "optim_sgd_nesterov": lambda params: torch.optim.SGD(params, lr=0.05, momentum=0.8, dampening=0.0,
                                                             nesterov=True),
    }


def run_optimizer_case(make_optimizer):
    model = nn.Sequential(nn.Linear(4, 6), nn.Tanh(), nn.Linear(6, 2))
    x = torch.randn(8, 4)
    y = torch.randn(8, 2)
    tensors = {"input": x, "target": y}
    for name, value in model.state_dict().items():
        tensors["initial." + name] = value.clone()
    optimizer = make_optimizer(model.parameters())
    for step in range(OPTIMIZER_STEPS):
        optimizer.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        tensors[f"loss.{step}"] = loss.detach().reshape(1)
        for name, value in model.state_dict().items():
            tensors[f"step{step}.{name}"] = value.clone()
    return tensors


def clip_grad_norm_case():
    parameters = [torch.randn(3, 4, requires_grad=True), torch.randn(5, requires_grad=True)]
    tensors = {}
    for index, parameter in enumerate(parameters):
        parameter.grad = torch.randn_like(parameter) * 3
        tensors[f"grad_before.{index}"] = parameter.grad.clone()
    total_norm = torch.nn.utils.clip_grad_norm_(parameters, max_norm=2.0)
    tensors["total_norm"] = total_norm.reshape(1)
    for index, parameter in enumerate(parameters):
        tensors[f"grad_after.{index}"] = parameter.grad
    return tensors


def init_cases():
    """Modules built right after torch.manual_seed(INIT_SEED): their state dicts are PyTorch's default initialisation."""
    return {
        "init_linear": lambda: nn.Linear(7, 3),
        "init_conv1d": lambda: nn.Conv1d(3, 4, 5),
        "init_conv2d": lambda: nn.Conv2d(2, 4, (3, 5)),
        "init_conv_transpose2d": lambda: nn.ConvTranspose2d(3, 2, 4),
        "init_multihead_attention": lambda: nn.MultiheadAttention(8, 2, batch_first=True),
    }


INIT_SEED = 5


def state_dict_interop_case():
    """A state dict file exactly as PyTorch tooling would write it, plus an eval-mode forward to check the loaded model."""
    model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.LeakyReLU(0.2))
    model.train()
    model(torch.randn(4, 1, 6, 6))  # moves the running statistics and num_batches_tracked away from their defaults
    model.eval()
    x = torch.randn(2, 1, 5, 5)
    with torch.no_grad():
        y = model(x)
    return model.state_dict(), {"input": x, "output": y}


def generate(out_dir):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(20240901)
    for name, (factory, shape) in module_cases().items():
        write_safetensors(out_dir / f"module_{name}.safetensors", run_module_case(factory, shape))
    for name, case in functional_cases().items():
        write_safetensors(out_dir / f"functional_{name}.safetensors", case())
    for name, make_optimizer in optimizer_cases().items():
        write_safetensors(out_dir / f"{name}.safetensors", run_optimizer_case(make_optimizer))
    write_safetensors(out_dir / "optim_clip_grad_norm.safetensors", clip_grad_norm_case())
    for name, factory in init_cases().items():
        torch.manual_seed(INIT_SEED)
        write_safetensors(out_dir / f"{name}.safetensors", factory().state_dict())
    state, check = state_dict_interop_case()
    write_safetensors(out_dir / "statedict_python_model.safetensors", state, metadata={"format": "pt"})
    write_safetensors(out_dir / "statedict_python_model_check.safetensors", check)
    # Dropout in training mode: with the same seed, libtorch draws the same Bernoulli mask in C# and here.
    torch.manual_seed(1234)
    dropout_input = torch.randn(4, 9)
    torch.manual_seed(99)
    write_safetensors(out_dir / "functional_dropout_train.safetensors",
                      {"input": dropout_input, "output": F.dropout(dropout_input, p=0.4, training=True)})


def describe(path):
    tensors, metadata = read_safetensors(path)
    print(json.dumps({
        "metadata": metadata,
        "tensors": {name: {"dtype": DTYPES[t.dtype][0], "shape": list(t.shape),
                           "values": t.reshape(-1).tolist()} for name, t in tensors.items()},
    }))


if __name__ == "__main__":
    torch.set_num_threads(1)
    if len(sys.argv) == 3 and sys.argv[1] == "generate":
        generate(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "describe":
        describe(sys.argv[2])
    else:
        sys.exit("usage: ModuleReference.py generate OUT_DIR | describe FILE")
