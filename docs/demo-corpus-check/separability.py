#!/usr/bin/python3
"""Separability check of the demo corpus (docs/demo-corpus.md).

Utterance features: mean and standard deviation over time of 40 log-mel bands (25 ms windows, 10 ms hop).
Classifier: multinomial logistic regression (L2, standardised features), trained with torch L-BFGS.
Evaluation: leave-one-speaker-out cross-validation; prints UAR per held-out speaker, pooled UAR and the confusion
matrix. Only the classes listed in --classes are used (default: the demo corpus' four).

Usage: /usr/bin/python3 separability.py CORPUS_DIR [--classes neutral,happy,sad,angry]
"""
import argparse
import csv
import os
import wave

import numpy as np
import torch


def read_wav(path):
    with wave.open(path, "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1, path
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768.0
        return torch.from_numpy(data), w.getframerate()


def mel_filterbank(n_mels, n_fft, rate):
    def hz_to_mel(f):
        return 2595.0 * np.log10(1.0 + f / 700.0)

    def mel_to_hz(m):
        return 700.0 * (10 ** (m / 2595.0) - 1.0)

    edges = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(rate / 2), n_mels + 2))
    bins = np.linspace(0, rate / 2, n_fft // 2 + 1)
    bank = np.zeros((n_mels, bins.size), dtype=np.float32)
    for m in range(n_mels):
        lo, centre, hi = edges[m], edges[m + 1], edges[m + 2]
        bank[m] = np.clip(np.minimum((bins - lo) / (centre - lo), (hi - bins) / (hi - centre)), 0, None)
    return torch.from_numpy(bank)


def utterance_features(path, n_mels=40):
    samples, rate = read_wav(path)
    win = int(0.025 * rate)
    hop = int(0.010 * rate)
    n_fft = 1 << (win - 1).bit_length()
    spec = torch.stft(samples, n_fft, hop_length=hop, win_length=win, window=torch.hann_window(win),
                      return_complex=True).abs() ** 2
    logmel = torch.log(mel_filterbank(n_mels, n_fft, rate) @ spec + 1e-6)
    return torch.cat([logmel.mean(dim=1), logmel.std(dim=1)])


def train_logistic(x, y, classes, l2=1e-2):
    w = torch.zeros(x.shape[1], classes, requires_grad=True)
    b = torch.zeros(classes, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], max_iter=300, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(x @ w + b, y) + l2 * (w ** 2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return w.detach(), b.detach()


def uar(truth, pred, classes):
    recalls = [(pred[truth == c] == c).float().mean().item() for c in range(classes) if (truth == c).any()]
    return sum(recalls) / len(recalls)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--classes", default="neutral,happy,sad,angry")
    args = parser.parse_args()
    names = args.classes.split(",")
    torch.manual_seed(0)

    rows = []
    with open(os.path.join(args.corpus, "labels.csv")) as f:
        for row in csv.DictReader(f):
            if row["label"] in names:
                rows.append(row)
    x = torch.stack([utterance_features(os.path.join(args.corpus, r["path"])) for r in rows])
    y = torch.tensor([names.index(r["label"]) for r in rows])
    speakers = np.array([r["speaker"] for r in rows])

    predictions = torch.empty_like(y)
    for speaker in sorted(set(speakers)):
        test = torch.from_numpy(speakers == speaker)
        mean, std = x[~test].mean(0), x[~test].std(0) + 1e-6
        w, b = train_logistic((x[~test] - mean) / std, y[~test], len(names))
        predictions[test] = (((x[test] - mean) / std) @ w + b).argmax(1)
        print(f"{speaker}: UAR {uar(y[test], predictions[test], len(names)):.3f}")

    confusion = np.zeros((len(names), len(names)), dtype=int)
    for t, p in zip(y.tolist(), predictions.tolist()):
        confusion[t, p] += 1
    print("confusion (rows true, cols predicted):", names)
    print(confusion)
    print(f"utterances={len(rows)} speakers={len(set(speakers))} "
          f"pooled UAR={uar(y, predictions, len(names)):.3f} accuracy={(y == predictions).float().mean().item():.3f}")


if __name__ == "__main__":
    main()
