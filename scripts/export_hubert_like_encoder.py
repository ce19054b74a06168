#!/usr/bin/python3
"""Exports a randomly initialised HuBERT-like speech encoder to ONNX and saves PyTorch's own outputs.

The model has the shape of wav2vec2/HuBERT, at toy size by default or with HuBERT-base dimensions (--size base):
a strided convolutional feature extractor over the raw waveform (kernels 10,3,3,3,3,2,2 and strides 5,2,2,2,2,2,2,
i.e. 320 samples per frame and a 400-sample receptive field), a feature projection, a convolutional positional
embedding and post-norm transformer layers (two when tiny, twelve when base). It returns every hidden state ("hidden_state_0" = transformer input, then one per layer), each [batch, frames, dims].

Used by the .NET tests as an independent reference: C# runs model.onnx through ONNX Runtime and compares with the
PyTorch outputs written here; the base size gives realistic timings (e.g. the ONNX real-time factor) without
downloading weights. Needs only torch (torch.onnx.export serialises the graph without the `onnx` package).

Writes into --out-dir:
  model.onnx                   the exported model (dynamic batch and samples axes)
  <case>.input.f32             little-endian float32 waveform of each test case
  <case>.<output>.f32          PyTorch's output of each test case
  <case>.mean.f32              element-wise mean of all hidden states of each test case
  manifest.json                shapes, names, frame geometry and the model file's SHA-256
"""
import argparse
import hashlib
import json
import math
import os

import torch
from torch import nn

CONV_LAYERS = [(10, 5), (3, 2), (3, 2), (3, 2), (3, 2), (2, 2), (2, 2)]  # (kernel, stride), as in wav2vec2
SAMPLE_RATE = 16000
SIZES = {
    "tiny": dict(channels=32, dims=48, heads=4, hidden=96, layers=2, position_kernel=8, position_groups=4),
    "base": dict(channels=512, dims=768, heads=12, hidden=3072, layers=12, position_kernel=128, position_groups=16),
}


class FeatureExtractor(nn.Module):
    """Strided 1-D convolutions over the raw waveform; group norm after the first, GELU after each (wav2vec2 style)."""

    def __init__(self, channels):
        super().__init__()
        layers = []
        in_channels = 1
        for index, (kernel, stride) in enumerate(CONV_LAYERS):
            layers.append(nn.Conv1d(in_channels, channels, kernel, stride=stride, bias=False))
            if index == 0:
                layers.append(nn.GroupNorm(channels, channels))
            layers.append(nn.GELU())
            in_channels = channels
        self.layers = nn.Sequential(*layers)

    def forward(self, waveform):  # [batch, samples] -> [batch, channels, frames]
        return self.layers(waveform.unsqueeze(1))


class SelfAttentionLayer(nn.Module):
    """Post-norm transformer encoder layer written out with plain ops so it exports the same way in every torch."""

    def __init__(self, dims, heads, hidden):
        super().__init__()
        self.heads = heads
        self.head_dims = dims // heads
        self.query = nn.Linear(dims, dims)
        self.key = nn.Linear(dims, dims)
        self.value = nn.Linear(dims, dims)
        self.out = nn.Linear(dims, dims)
        self.attention_norm = nn.LayerNorm(dims)
        self.feed_forward = nn.Sequential(nn.Linear(dims, hidden), nn.GELU(), nn.Linear(hidden, dims))
        self.output_norm = nn.LayerNorm(dims)

    def split_heads(self, x):  # [batch, frames, dims] -> [batch, heads, frames, dims / heads]
        batch, frames, _ = x.shape
        return x.reshape(batch, frames, self.heads, self.head_dims).transpose(1, 2)

    def forward(self, x):
        batch, frames, dims = x.shape
        q, k, v = self.split_heads(self.query(x)), self.split_heads(self.key(x)), self.split_heads(self.value(x))
        scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(self.head_dims)
        context = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(batch, frames, dims)
        x = self.attention_norm(x + self.out(context))
        return self.output_norm(x + self.feed_forward(x))


class HubertLike(nn.Module):
    def __init__(self, channels, dims, heads, hidden, layers, position_kernel, position_groups):
        super().__init__()
        self.features = FeatureExtractor(channels)
        self.feature_norm = nn.LayerNorm(channels)
        self.projection = nn.Linear(channels, dims)
        # Even kernel with padding kernel/2 yields one extra frame, dropped in forward (wav2vec2's "same pad").
        self.position = nn.Conv1d(dims, dims, position_kernel, padding=position_kernel // 2,
                                  groups=position_groups)
        self.encoder_norm = nn.LayerNorm(dims)
        self.layers = nn.ModuleList(SelfAttentionLayer(dims, heads, hidden) for _ in range(layers))

    def forward(self, waveform):
        x = self.projection(self.feature_norm(self.features(waveform).transpose(1, 2)))
        position = nn.functional.gelu(self.position(x.transpose(1, 2))[:, :, :-1]).transpose(1, 2)
        x = self.encoder_norm(x + position)
        hidden_states = [x]
        for layer in self.layers:
            x = layer(x)
            hidden_states.append(x)
        return tuple(hidden_states)


def test_waveform(generator, batch, samples):
    """A few tones plus noise, scaled into [-1, 1] like real audio."""
    t = torch.arange(samples, dtype=torch.float32) / SAMPLE_RATE
    frequencies = 100 + 900 * torch.rand(batch, 3, 1, generator=generator)
    tones = torch.sin(2 * math.pi * frequencies * t).sum(dim=1)
    noise = 0.3 * torch.randn(batch, samples, generator=generator)
    signal = tones + noise
    return (0.9 * signal / signal.abs().max(dim=1, keepdim=True).values).contiguous()


def save(tensor, path):
    tensor.detach().numpy().astype("<f4").tofile(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--size", choices=sorted(SIZES), default="tiny")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--opset", type=int, default=14)
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)

    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    model = HubertLike(**SIZES[args.size]).eval()
    output_names = [f"hidden_state_{i}" for i in range(len(model.layers) + 1)]
    model_path = os.path.join(args.out_dir, "model.onnx")
    dynamic_axes = {"waveform": {0: "batch", 1: "samples"}}
    dynamic_axes.update({name: {0: "batch", 1: "frames"} for name in output_names})
    generator = torch.Generator().manual_seed(args.seed + 1)
    with torch.no_grad():
        torch.onnx.export(model, test_waveform(generator, 1, 4000), model_path, input_names=["waveform"],
                          output_names=output_names, dynamic_axes=dynamic_axes, opset_version=args.opset)

    cases = {"batch2": test_waveform(generator, 2, 8000), "single": test_waveform(generator, 1, 12345)}
    manifest = {"model": "model.onnx", "size": args.size, "input_name": "waveform", "output_names": output_names,
                "dims": model.projection.out_features, "samples_per_frame": math.prod(s for _, s in CONV_LAYERS),
                "sample_rate": SAMPLE_RATE, "cases": {}}
    with open(model_path, "rb") as f:
        manifest["sha256"] = hashlib.sha256(f.read()).hexdigest()
    with torch.no_grad():
        for case, waveform in cases.items():
            outputs = model(waveform)
            save(waveform, os.path.join(args.out_dir, f"{case}.input.f32"))
            for name, output in zip(output_names, outputs):
                save(output, os.path.join(args.out_dir, f"{case}.{name}.f32"))
            save(torch.stack(outputs).mean(dim=0), os.path.join(args.out_dir, f"{case}.mean.f32"))
            manifest["cases"][case] = {"input_shape": list(waveform.shape), "output_shape": list(outputs[0].shape)}
    with open(os.path.join(args.out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)


if __name__ == "__main__":
    main()
