"""PyTorch reference for the GAN loss tests: draws fixed inputs, computes every loss term (and the gradients the
tests compare) with plain PyTorch 1.13, and prints one JSON object {case: {name: {shape, values}}} on stdout.
The C# tests rebuild their tensors from the same inputs and compare."""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(20240901)
cases = {}


def record(case, **tensors):
    cases[case] = {name: {"shape": list(t.shape), "values": t.detach().double().flatten().tolist()} for name, t in tensors.items()}


# Wasserstein critic loss: E[d(g(z))] - E[d(x)].
real_scores, fake_scores = torch.randn(6, 1), torch.randn(6, 1)
record("wasserstein", real_scores=real_scores, fake_scores=fake_scores, loss=fake_scores.mean() - real_scores.mean())

# Gradient penalty through a two-layer critic: value and gradient w.r.t. every critic parameter (double backward).
real, fake, alpha = torch.randn(4, 1, 3, 5), torch.randn(4, 1, 3, 5), torch.rand(4, 1, 1, 1)
w1, b1 = (torch.randn(6, 15) * 0.5).requires_grad_(), (torch.randn(6) * 0.1).requires_grad_()
w2, b2 = (torch.randn(1, 6) * 0.5).requires_grad_(), (torch.randn(1) * 0.1).requires_grad_()
initial = {name: t.detach().clone() for name, t in dict(w1=w1, b1=b1, w2=w2, b2=b2).items()}


def critic(x):
    return F.linear(F.leaky_relu(F.linear(x.flatten(1), w1, b1), 0.2), w2, b2)


interpolates = (alpha * real + (1 - alpha) * fake).requires_grad_()
(gradients,) = torch.autograd.grad(critic(interpolates).sum(), interpolates, create_graph=True)
penalty = ((gradients.flatten(1).norm(2, dim=1) - 1) ** 2).mean()
penalty.backward()
record("gradient_penalty", real=real, fake=fake, alpha=alpha, **initial, penalty=penalty,
       grad_w1=w1.grad, grad_b1=b1.grad, grad_w2=w2.grad,
       # The output bias does not change the input gradient, so it gets no gradient at all (None): record zeros.
       grad_b2=torch.zeros_like(b2) if b2.grad is None else b2.grad)

# Auxiliary classification: cross entropy of class logits.
logits, labels = torch.randn(5, 4), torch.tensor([0, 3, 1, 1, 2])
record("classification", logits=logits, labels=labels, loss=F.cross_entropy(logits, labels))

# Feature matching: mean over layers of mean |batch-mean(real) - batch-mean(fake)|; gradient w.r.t. the fake maps.
real_maps = [torch.randn(4, 2, 3, 3), torch.randn(4, 3, 2, 2), torch.randn(4, 5)]
fake_maps = [torch.randn(t.shape).requires_grad_() for t in real_maps]
fm = sum((r.mean(0) - f.mean(0)).abs().mean() for r, f in zip(real_maps, fake_maps)) / len(real_maps)
fm.backward()
record("feature_matching", **{f"real{i}": t for i, t in enumerate(real_maps)}, **{f"fake{i}": t for i, t in enumerate(fake_maps)},
       loss=fm, **{f"grad_fake{i}": t.grad for i, t in enumerate(fake_maps)})

# Diversity penalty: -mean(min(mean|o1 - o2| / (mean|e1 - e2| + 1e-5), tau)); pair scales chosen so some pairs hit the cap.
scales = torch.tensor([0.05, 0.3, 2.0, 4.0]).reshape(4, 1, 1, 1)
first = (torch.randn(4, 1, 3, 5) * scales).requires_grad_()
second = torch.randn(4, 1, 3, 5) * scales
noise1, noise2 = torch.randn(4, 8), torch.randn(4, 8)
tau = 0.8
ratio = (first - second).abs().flatten(1).mean(1) / ((noise1 - noise2).abs().flatten(1).mean(1) + 1e-5)
div = -torch.clamp(ratio, max=tau).mean()
div.backward()
record("diversity", first=first, second=second, noise1=noise1, noise2=noise2, tau=torch.tensor(tau), loss=div, grad_first=first.grad)

# Softmax matching on logits: (1/B) sum_j KL(softmax(real_j) || softmax(fake_j)); gradient w.r.t. the fake logits.
real_logits = torch.randn(4, 5)
fake_logits = torch.randn(4, 5).requires_grad_()
p = F.softmax(real_logits, 1)
sml = (p * (F.log_softmax(real_logits, 1) - F.log_softmax(fake_logits, 1))).sum(1).mean()
sml.backward()
record("softmax_matching", real_logits=real_logits, fake_logits=fake_logits, loss=sml, grad_fake_logits=fake_logits.grad)

# Softmax matching through a frozen teacher: masked mean over frames, then a linear layer to class logits.
teacher_weight, teacher_bias = torch.randn(5, 6), torch.randn(5)
real_maps_t = torch.randn(3, 1, 4, 6)
real_mask = torch.tensor([[True, True, True, True], [True, True, False, False], [True, True, True, False]])
fake_maps_t = torch.randn(3, 1, 4, 6).requires_grad_()


def teacher(features, mask):
    m = mask.unsqueeze(2).float()
    pooled = (features * m).sum(1) / m.sum(1)
    return F.linear(pooled, teacher_weight, teacher_bias)


with torch.no_grad():
    teacher_real = teacher(real_maps_t.squeeze(1), real_mask)
teacher_fake = teacher(fake_maps_t.squeeze(1), torch.ones(3, 4, dtype=torch.bool))
q = F.softmax(teacher_real, 1)
sml_t = (q * (F.log_softmax(teacher_real, 1) - F.log_softmax(teacher_fake, 1))).sum(1).mean()
sml_t.backward()
record("teacher_softmax_matching", weight=teacher_weight, bias=teacher_bias, real=real_maps_t, mask=real_mask.float(),
       fake=fake_maps_t, loss=sml_t, grad_fake=fake_maps_t.grad)

print(json.dumps(cases))
