// Neural-network layers, losses, initialisers and optimizer updates of libdistilltorch (see shim.h for the
// conventions: opaque tensor handles, nullptr / DP_ERROR plus dp_last_error on failure).
//
// Every layer function is a thin call into the ATen operator that PyTorch's torch.nn.functional uses, so forward
// values and gradients are those of PyTorch by construction. Optimizer updates replicate, operation by operation,
// PyTorch 1.13's single-tensor Adam/AdamW/SGD so that training trajectories match bit for bit where possible.
#include "shim.h"

#include <ATen/core/grad_mode.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace {

// An optional tensor argument arrives as a possibly-null handle (a layer without bias, a loss without weights).
c10::optional<at::Tensor> optional_tensor(dp_tensor handle) {
  if (handle == nullptr) return c10::nullopt;
  return *handle;
}

// Loss reductions as the C# side encodes them; kBatchMean is kl_div's "sum divided by batch size".
enum dp_reduction : int { kNone = 0, kMean = 1, kSum = 2, kBatchMean = 3 };

int64_t aten_reduction(int reduction) {
  switch (reduction) {
    case kNone: return at::Reduction::None;
    case kMean: return at::Reduction::Mean;
    case kSum: return at::Reduction::Sum;
    default: TORCH_CHECK(false, "unknown loss reduction code ", reduction);
  }
}

const at::Tensor& require(dp_tensor handle, const char* what) {
  TORCH_CHECK(handle != nullptr, what, " must not be null");
  return *handle;
}

}  // namespace

// ------------------------------------------------------------------------------------------------ layers

DP_EXPORT dp_tensor dp_nn_linear(dp_tensor input, dp_tensor weight, dp_tensor bias) {
  return dp::tensor_result([&] { return at::linear(require(input, "input"), require(weight, "weight"), optional_tensor(bias)); });
}

DP_EXPORT dp_tensor dp_nn_conv1d(dp_tensor input, dp_tensor weight, dp_tensor bias, int64_t stride, int64_t padding,
                                 int64_t dilation, int64_t groups) {
  return dp::tensor_result([&] {
    return at::conv1d(require(input, "input"), require(weight, "weight"), optional_tensor(bias), {stride}, {padding},
                      {dilation}, groups);
  });
}

// stride, padding and dilation point to two values each: (height, width).
DP_EXPORT dp_tensor dp_nn_conv2d(dp_tensor input, dp_tensor weight, dp_tensor bias, const int64_t* stride,
                                 const int64_t* padding, const int64_t* dilation, int64_t groups) {
  return dp::tensor_result([&] {
    return at::conv2d(require(input, "input"), require(weight, "weight"), optional_tensor(bias), dp::dims(stride, 2),
                      dp::dims(padding, 2), dp::dims(dilation, 2), groups);
  });
}

DP_EXPORT dp_tensor dp_nn_conv_transpose2d(dp_tensor input, dp_tensor weight, dp_tensor bias, const int64_t* stride,
                                           const int64_t* padding, const int64_t* output_padding,
                                           const int64_t* dilation, int64_t groups) {
  return dp::tensor_result([&] {
    return at::conv_transpose2d(require(input, "input"), require(weight, "weight"), optional_tensor(bias),
                                dp::dims(stride, 2), dp::dims(padding, 2), dp::dims(output_padding, 2), groups,
                                dp::dims(dilation, 2));
  });
}

// Interpolation of [N, C, H, W] input. Either output_size (two values) or scale_factors (two values) is non-null,
// exactly like torch.nn.functional.interpolate's size / scale_factor.
DP_EXPORT dp_tensor dp_nn_upsample_nearest2d(dp_tensor input, const int64_t* output_size, const double* scale_factors) {
  return dp::tensor_result([&] {
    at::OptionalIntArrayRef size = output_size ? at::OptionalIntArrayRef(dp::dims(output_size, 2)) : c10::nullopt;
    c10::optional<at::ArrayRef<double>> scales =
        scale_factors ? c10::optional<at::ArrayRef<double>>(at::ArrayRef<double>(scale_factors, 2)) : c10::nullopt;
    return at::upsample_nearest2d(require(input, "input"), size, scales);
  });
}

DP_EXPORT dp_tensor dp_nn_upsample_bilinear2d(dp_tensor input, const int64_t* output_size, const double* scale_factors,
                                              int align_corners) {
  return dp::tensor_result([&] {
    at::OptionalIntArrayRef size = output_size ? at::OptionalIntArrayRef(dp::dims(output_size, 2)) : c10::nullopt;
    c10::optional<at::ArrayRef<double>> scales =
        scale_factors ? c10::optional<at::ArrayRef<double>>(at::ArrayRef<double>(scale_factors, 2)) : c10::nullopt;
    return at::upsample_bilinear2d(require(input, "input"), size, align_corners != 0, scales);
  });
}

DP_EXPORT dp_tensor dp_nn_layer_norm(dp_tensor input, const int64_t* normalized_shape, int normalized_dims,
                                     dp_tensor weight, dp_tensor bias, double eps) {
  return dp::tensor_result([&] {
    return at::layer_norm(require(input, "input"), dp::dims(normalized_shape, normalized_dims), optional_tensor(weight),
                          optional_tensor(bias), eps);
  });
}

// In training mode ATen updates running_mean / running_var in place (when given), with PyTorch's momentum rule.
DP_EXPORT dp_tensor dp_nn_batch_norm(dp_tensor input, dp_tensor weight, dp_tensor bias, dp_tensor running_mean,
                                     dp_tensor running_var, int training, double momentum, double eps) {
  return dp::tensor_result([&] {
    return at::batch_norm(require(input, "input"), optional_tensor(weight), optional_tensor(bias),
                          optional_tensor(running_mean), optional_tensor(running_var), training != 0, momentum, eps,
                          /*cudnn_enabled=*/false);
  });
}

DP_EXPORT dp_tensor dp_nn_leaky_relu(dp_tensor input, double negative_slope) {
  return dp::tensor_result([&] { return at::leaky_relu(require(input, "input"), negative_slope); });
}

DP_EXPORT dp_tensor dp_nn_dropout(dp_tensor input, double probability, int training) {
  return dp::tensor_result([&] { return at::dropout(require(input, "input"), probability, training != 0); });
}

DP_EXPORT dp_tensor dp_nn_softmax(dp_tensor input, int64_t dim) {
  return dp::tensor_result([&] { return at::softmax(require(input, "input"), dim); });
}

DP_EXPORT dp_tensor dp_nn_log_softmax(dp_tensor input, int64_t dim) {
  return dp::tensor_result([&] { return at::log_softmax(require(input, "input"), dim); });
}

DP_EXPORT dp_tensor dp_nn_one_hot(dp_tensor input, int64_t num_classes) {
  return dp::tensor_result([&] { return at::one_hot(require(input, "input"), num_classes); });
}

// mode: "constant", "reflect", "replicate" or "circular" (torch.nn.functional.pad's modes).
DP_EXPORT dp_tensor dp_nn_pad(dp_tensor input, const int64_t* pad, int pad_count, const char* mode, double value) {
  return dp::tensor_result([&] {
    std::string mode_name = mode ? mode : "constant";
    c10::optional<double> fill = mode_name == "constant" ? c10::optional<double>(value) : c10::nullopt;
    return at::pad(require(input, "input"), dp::dims(pad, pad_count), mode_name, fill);
  });
}

// ------------------------------------------------------------------------------------------------ losses

DP_EXPORT dp_tensor dp_nn_cross_entropy(dp_tensor input, dp_tensor target, dp_tensor class_weight, int reduction,
                                        int64_t ignore_index, double label_smoothing) {
  return dp::tensor_result([&] {
    return at::cross_entropy_loss(require(input, "input"), require(target, "target"), optional_tensor(class_weight),
                                  aten_reduction(reduction), ignore_index, label_smoothing);
  });
}

DP_EXPORT dp_tensor dp_nn_kl_div(dp_tensor input, dp_tensor target, int reduction, int log_target) {
  return dp::tensor_result([&] {
    const at::Tensor& in = require(input, "input");
    if (reduction == kBatchMean) {
      // torch.nn.functional.kl_div: 'batchmean' is the summed divergence divided by the batch size.
      auto summed = at::kl_div(in, require(target, "target"), at::Reduction::Sum, log_target != 0);
      return in.dim() == 0 ? summed : summed / in.size(0);
    }
    return at::kl_div(in, require(target, "target"), aten_reduction(reduction), log_target != 0);
  });
}

DP_EXPORT dp_tensor dp_nn_mse_loss(dp_tensor input, dp_tensor target, int reduction) {
  return dp::tensor_result(
      [&] { return at::mse_loss(require(input, "input"), require(target, "target"), aten_reduction(reduction)); });
}

DP_EXPORT dp_tensor dp_nn_l1_loss(dp_tensor input, dp_tensor target, int reduction) {
  return dp::tensor_result(
      [&] { return at::l1_loss(require(input, "input"), require(target, "target"), aten_reduction(reduction)); });
}

// ------------------------------------------------------------------------------------------------ parameters

// Drops the accumulated gradient of every tensor (PyTorch's zero_grad(set_to_none=True)).
DP_EXPORT int dp_nn_clear_grads(const dp_tensor* parameters, int count) {
  return dp::status_result([&] {
    for (int i = 0; i < count; ++i) require(parameters[i], "parameter").mutable_grad().reset();
  });
}

// torch.nn.utils.clip_grad_norm_: rescales the gradients in place so that their joint norm is at most max_norm and
// returns the norm before clipping. Parameters without a gradient are skipped.
DP_EXPORT dp_tensor dp_nn_clip_grad_norm_(const dp_tensor* parameters, int count, double max_norm, double norm_type) {
  return dp::tensor_result([&] {
    at::NoGradGuard no_grad;
    std::vector<at::Tensor> grads;
    for (int i = 0; i < count; ++i) {
      const at::Tensor& grad = require(parameters[i], "parameter").grad();
      if (grad.defined()) grads.push_back(grad);
    }
    if (grads.empty()) return at::zeros({});
    at::Tensor total_norm;
    if (std::isinf(norm_type)) {
      std::vector<at::Tensor> maxima;
      for (const auto& grad : grads) maxima.push_back(grad.abs().max());
      total_norm = maxima.size() == 1 ? maxima[0] : at::stack(maxima).max();
    } else {
      std::vector<at::Tensor> norms;
      for (const auto& grad : grads) norms.push_back(at::norm(grad, norm_type));
      total_norm = at::norm(at::stack(norms), norm_type);
    }
    at::Tensor clip_coefficient = at::clamp(max_norm / (total_norm + 1e-6), c10::nullopt, 1.0);
    for (auto& grad : grads) grad.mul_(clip_coefficient);
    return total_norm;
  });
}

// ------------------------------------------------------------------------------------------------ optimizers

// One Adam (decoupled_weight_decay = 0) or AdamW (= 1) update of one parameter, in the exact operation order of
// PyTorch 1.13's _single_tensor_adam / _single_tensor_adamw. `*step` counts this parameter's updates and is
// incremented first (bias corrections use the new value). A parameter without gradient is left untouched, step included.
DP_EXPORT int dp_optim_adam_step(dp_tensor parameter, dp_tensor exp_avg, dp_tensor exp_avg_sq, int64_t* step, double lr,
                                 double beta1, double beta2, double eps, double weight_decay,
                                 int decoupled_weight_decay) {
  return dp::status_result([&] {
    at::NoGradGuard no_grad;
    at::Tensor param = require(parameter, "parameter");
    at::Tensor grad = param.grad();
    if (!grad.defined()) return;
    TORCH_CHECK(step != nullptr, "step must not be null");
    const double step_number = static_cast<double>(++*step);
    if (weight_decay != 0) {
      if (decoupled_weight_decay) {
        param.mul_(1 - lr * weight_decay);
      } else {
        grad = grad.add(param, weight_decay);
      }
    }
    at::Tensor first_moment = require(exp_avg, "exp_avg");
    at::Tensor second_moment = require(exp_avg_sq, "exp_avg_sq");
    first_moment.mul_(beta1).add_(grad, 1 - beta1);
    second_moment.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
    double bias_correction1 = 1 - std::pow(beta1, step_number);
    double bias_correction2 = 1 - std::pow(beta2, step_number);
    double step_size = lr / bias_correction1;
    double bias_correction2_sqrt = std::sqrt(bias_correction2);
    at::Tensor denominator = (second_moment.sqrt() / bias_correction2_sqrt).add_(eps);
    param.addcdiv_(first_moment, denominator, -step_size);
  });
}

// One SGD update of one parameter (PyTorch 1.13's _single_tensor_sgd). `momentum_buffer` may be null when momentum
// is 0; while `*buffer_initialized` is 0 the first update makes the buffer a copy of the gradient, as PyTorch does,
// and sets it to 1.
DP_EXPORT int dp_optim_sgd_step(dp_tensor parameter, dp_tensor momentum_buffer, int* buffer_initialized, double lr,
                                double momentum, double dampening, double weight_decay, int nesterov) {
  return dp::status_result([&] {
    at::NoGradGuard no_grad;
    at::Tensor param = require(parameter, "parameter");
    at::Tensor direction = param.grad();
    if (!direction.defined()) return;
    if (weight_decay != 0) direction = direction.add(param, weight_decay);
    if (momentum != 0) {
      at::Tensor buffer = require(momentum_buffer, "momentum_buffer");
      TORCH_CHECK(buffer_initialized != nullptr, "buffer_initialized must not be null");
      if (*buffer_initialized) {
        buffer.mul_(momentum).add_(direction, 1 - dampening);
      } else {
        buffer.copy_(direction);
        *buffer_initialized = 1;
      }
      direction = nesterov ? direction.add(buffer, momentum) : buffer;
    }
    param.add_(direction, -lr);
  });
}
