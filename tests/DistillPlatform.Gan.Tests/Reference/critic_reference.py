"""PyTorch reference for the critic: reads the critic's state dict and inputs written by the C# test (JSON), rebuilds
the same network from plain torch.nn.functional calls, and prints its outputs, the gradient penalty and the penalty's
gradient w.r.t. every critic parameter as JSON on stdout.

usage: critic_reference.py INPUT.json"""
import json
import sys

import torch
import torch.nn.functional as F

with open(sys.argv[1]) as file:
    data = json.load(file)


def tensor(entry):
    return torch.tensor(entry["values"], dtype=torch.float32).reshape(entry["shape"])


state = {name: tensor(entry).requires_grad_() for name, entry in data["state"].items()}
real, fake, alpha = tensor(data["real"]), tensor(data["fake"]), tensor(data["alpha"])


def critic(x):
    features = []
    for layer in range(8):
        # 3x3 convolutions, padding 1; layers 1, 3, 5, 7 have stride 2.
        x = F.conv2d(x, state[f"block{layer}.0.weight"], state[f"block{layer}.0.bias"], stride=2 if layer % 2 == 1 else 1, padding=1)
        # Per-sample layer norm over [C, H, W] with a per-channel scale and shift.
        x = F.layer_norm(x, x.shape[1:], eps=1e-5) * state[f"block{layer}.1.weight"] + state[f"block{layer}.1.bias"]
        x = F.leaky_relu(x, 0.2)
        features.append(x)
    flat = x.flatten(1)
    return F.linear(flat, state["wasserstein.weight"], state["wasserstein.bias"]), F.linear(flat, state["classifier.weight"], state["classifier.bias"])


score, logits = critic(real)
interpolates = (alpha * real + (1 - alpha) * fake).requires_grad_()
(gradients,) = torch.autograd.grad(critic(interpolates)[0].sum(), interpolates, create_graph=True)
penalty = ((gradients.flatten(1).norm(2, dim=1) - 1) ** 2).mean()
penalty.backward()


def encode(t):
    return {"shape": list(t.shape), "values": t.detach().double().flatten().tolist()}


result = {"score": encode(score), "logits": encode(logits), "penalty": encode(penalty)}
# Parameters the penalty does not depend on (the class head, the score bias) get no gradient at all: report zeros.
result.update({f"grad.{name}": encode(torch.zeros_like(p) if p.grad is None else p.grad) for name, p in state.items()})
print(json.dumps(result))
