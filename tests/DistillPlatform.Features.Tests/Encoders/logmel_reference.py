"""Independent log-mel reference for LogMelEncoder parity tests.

Usage: logmel_reference.py OUT_DIR IN1.f32 [IN2.f32 ...]
Each input is raw little-endian float32 mono audio at 16 kHz. For each input NAME.f32 this writes
OUT_DIR/NAME.logmel.f64: raw float64 log-mel features, row-major [frames, 80].

Definition: torch.stft(n_fft=512, hop_length=160, win_length=400, periodic Hann window, center=True,
pad_mode="reflect") in float64, power spectrum |X|^2, HTK triangular mel filterbank (written here in numpy, no
torchaudio), log(mel + 1e-6).
"""
import os
import sys

import numpy as np
import torch

SAMPLE_RATE = 16000
N_FFT = 512
WIN_LENGTH = 400
HOP_LENGTH = 160
N_MELS = 80


def hz_to_mel(hz):
    return 2595.0 * np.log10(1.0 + hz / 700.0)


def mel_to_hz(mel):
    return 700.0 * (10.0 ** (mel / 2595.0) - 1.0)


def htk_mel_filterbank():
    """[n_fft//2 + 1, n_mels] triangles with peak 1, edges equally spaced in HTK mel from 0 Hz to Nyquist."""
    bin_hz = np.arange(N_FFT // 2 + 1) * SAMPLE_RATE / N_FFT
    edges_hz = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(SAMPLE_RATE / 2), N_MELS + 2))
    bank = np.zeros((N_FFT // 2 + 1, N_MELS))
    for m in range(N_MELS):
        left, centre, right = edges_hz[m], edges_hz[m + 1], edges_hz[m + 2]
        rising = (bin_hz - left) / (centre - left)
        falling = (right - bin_hz) / (right - centre)
        bank[:, m] = np.maximum(0.0, np.minimum(rising, falling))
    return bank


def log_mel(waveform):
    signal = torch.from_numpy(waveform.astype(np.float64))
    window = torch.hann_window(WIN_LENGTH, periodic=True, dtype=torch.float64)
    spectrum = torch.stft(signal, n_fft=N_FFT, hop_length=HOP_LENGTH, win_length=WIN_LENGTH, window=window,
                          center=True, pad_mode="reflect", return_complex=True)
    power = (spectrum.abs() ** 2).numpy()  # [bins, frames]
    mel = htk_mel_filterbank().T @ power    # [mels, frames]
    return np.log(mel + 1e-6).T             # [frames, mels]


def main():
    out_dir = sys.argv[1]
    for path in sys.argv[2:]:
        waveform = np.fromfile(path, dtype="<f4")
        name = os.path.splitext(os.path.basename(path))[0]
        np.ascontiguousarray(log_mel(waveform), dtype="<f8").tofile(os.path.join(out_dir, name + ".logmel.f64"))


if __name__ == "__main__":
    main()
