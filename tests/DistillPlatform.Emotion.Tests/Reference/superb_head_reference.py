"""PyTorch side of the class-weighted loss parity test.

Reads a JSON file with a batch (features [B, T, D], mask [B, T], labels [B]), class weights and the SUPERB head's
parameters, rebuilds the head from scratch with torch.nn (Linear projector, masked mean pooling, Linear classifier),
and prints JSON with the logits, the weighted and unweighted cross entropy, and the gradients of the weighted loss.
"""
import json
import sys

import torch
import torch.nn.functional as F


def tensor(entry):
    return torch.tensor(entry["values"], dtype=torch.float32).reshape(entry["shape"])


def main(path):
    with open(path) as handle:
        data = json.load(handle)
    features = tensor(data["features"])
    mask = torch.tensor(data["mask"], dtype=torch.bool).reshape(features.shape[:2])
    labels = torch.tensor(data["labels"], dtype=torch.int64)
    weights = torch.tensor(data["weights"], dtype=torch.float32)
    params = {name: tensor(entry).requires_grad_() for name, entry in data["parameters"].items()}

    projected = F.linear(features, params["projector.weight"], params["projector.bias"])
    valid = mask.unsqueeze(-1).to(projected.dtype)
    pooled = (projected * valid).sum(1) / valid.sum(1)
    logits = F.linear(pooled, params["classifier.weight"], params["classifier.bias"])
    weighted = F.cross_entropy(logits, labels, weight=weights)
    unweighted = F.cross_entropy(logits, labels)
    weighted.backward()

    def dump(t):
        return {"shape": list(t.shape), "values": t.detach().reshape(-1).tolist()}

    json.dump({
        "logits": dump(logits),
        "weighted_loss": weighted.item(),
        "unweighted_loss": unweighted.item(),
        "gradients": {name: dump(p.grad) for name, p in params.items()},
    }, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
