"""PyTorch half of the gan-step benchmark: one conditional WGAN-GP training step (critic + generator update),
the same architecture and step as benchmarks/gan-step/csharp/GanStep.cs. Prints one line per timed step:
`step_ms=<milliseconds>`, preceded by `blas=<library>` naming the BLAS mapped into this process.

usage: gan_step.py --threads N --warmup W --steps S
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

CLASSES = 7
NOISE = 100
BATCH = 32
HEIGHT, WIDTH = 64, 80
GRADIENT_PENALTY_WEIGHT = 10.0


class Generator(nn.Module):
    """one-hot(class) ++ noise -> dense seed [128, 8, 10] -> three (upsample x2, conv3x3, leaky ReLU) -> conv to 1 map."""

    def __init__(self):
        super().__init__()
        self.seed = nn.Linear(CLASSES + NOISE, 128 * 8 * 10)
        self.blocks = nn.Sequential(
            nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(128, 64, 3, padding=1), nn.LeakyReLU(0.2),
            nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(64, 32, 3, padding=1), nn.LeakyReLU(0.2),
            nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(32, 16, 3, padding=1), nn.LeakyReLU(0.2),
            nn.Conv2d(16, 1, 3, padding=1))

    def forward(self, labels_one_hot, noise):
        seed = self.seed(torch.cat([labels_one_hot, noise], dim=1)).reshape(-1, 128, 8, 10)
        return self.blocks(F.leaky_relu(seed, 0.2))


class Critic(nn.Module):
    """Three (conv4x4 stride 2, layer norm, leaky ReLU) blocks, then a Wasserstein head and a class head."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 4, stride=2, padding=1), nn.LayerNorm([32, 32, 40]), nn.LeakyReLU(0.2),
            nn.Conv2d(32, 64, 4, stride=2, padding=1), nn.LayerNorm([64, 16, 20]), nn.LeakyReLU(0.2),
            nn.Conv2d(64, 128, 4, stride=2, padding=1), nn.LayerNorm([128, 8, 10]), nn.LeakyReLU(0.2))
        self.wasserstein = nn.Linear(128 * 8 * 10, 1)
        self.classifier = nn.Linear(128 * 8 * 10, CLASSES)

    def forward(self, x):
        features = self.features(x).flatten(1)
        return self.wasserstein(features), self.classifier(features)


def training_step(generator, critic, generator_optimizer, critic_optimizer, real, real_labels):
    # Critic update: Wasserstein distance + gradient penalty on interpolates + auxiliary classification.
    noise = torch.randn(BATCH, NOISE)
    fake_labels = torch.randint(0, CLASSES, (BATCH,))
    fake_one_hot = F.one_hot(fake_labels, CLASSES).float()
    with torch.no_grad():
        fake = generator(fake_one_hot, noise)
    real_score, real_class = critic(real)
    fake_score, _ = critic(fake)
    alpha = torch.rand(BATCH, 1, 1, 1)
    interpolates = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
    interpolate_score, _ = critic(interpolates)
    (gradients,) = torch.autograd.grad(interpolate_score.sum(), interpolates, create_graph=True)
    penalty = ((gradients.flatten(1).norm(2, dim=1) - 1) ** 2).mean()
    critic_loss = (fake_score.mean() - real_score.mean() + GRADIENT_PENALTY_WEIGHT * penalty
                   + F.cross_entropy(real_class, real_labels))
    critic_optimizer.zero_grad(set_to_none=True)
    critic_loss.backward()
    critic_optimizer.step()

    # Generator update: fool the critic and be classified as the requested class.
    fake = generator(fake_one_hot, noise)
    fake_score, fake_class = critic(fake)
    generator_loss = -fake_score.mean() + F.cross_entropy(fake_class, fake_labels)
    generator_optimizer.zero_grad(set_to_none=True)
    critic_optimizer.zero_grad(set_to_none=True)
    generator_loss.backward()
    generator_optimizer.step()
    return critic_loss.item() + generator_loss.item()


def loaded_blas():
    with open("/proc/self/maps") as maps:
        libraries = {line.split()[-1] for line in maps if "blas" in line.lower() and line.split()[-1].startswith("/")}
    return ",".join(sorted(libraries)) or "none"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--warmup", type=int, required=True)
    parser.add_argument("--steps", type=int, required=True)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(7)
    generator, critic = Generator(), Critic()
    generator_optimizer = torch.optim.Adam(generator.parameters(), lr=1e-4, betas=(0.5, 0.9))
    critic_optimizer = torch.optim.Adam(critic.parameters(), lr=1e-4, betas=(0.5, 0.9))
    real = torch.randn(BATCH, 1, HEIGHT, WIDTH)
    real_labels = torch.randint(0, CLASSES, (BATCH,))
    print(f"blas={loaded_blas()}", flush=True)
    for index in range(args.warmup + args.steps):
        start = time.perf_counter()
        training_step(generator, critic, generator_optimizer, critic_optimizer, real, real_labels)
        elapsed_ms = (time.perf_counter() - start) * 1000
        if index >= args.warmup:
            print(f"step_ms={elapsed_ms:.3f}", flush=True)


if __name__ == "__main__":
    main()
