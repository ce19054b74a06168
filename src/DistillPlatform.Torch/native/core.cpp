// Handle lifetime, errors, metadata, creation, data transfer, random numbers, threads and autograd.
// Element-wise maths, shape manipulation and reductions live in ops.cpp.
#include "shim.h"

#include <ATen/Parallel.h>
#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/version.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <string>

namespace {

thread_local std::string last_error;
std::atomic<int64_t> live_tensors{0};

at::TensorOptions options(int dtype, int device_type, int device_index) {
  return at::TensorOptions()
      .dtype(static_cast<at::ScalarType>(dtype))
      .device(at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index)));
}

at::Generator default_generator() { return at::detail::getDefaultCPUGenerator(); }

}  // namespace

namespace dp {

void set_last_error(const std::exception& error) {
  // c10::Error::what() appends a C++ backtrace that means nothing to a C# caller.
  if (auto* torch_error = dynamic_cast<const c10::Error*>(&error)) {
    last_error = torch_error->what_without_backtrace();
  } else {
    last_error = error.what();
  }
}

void set_last_error(const char* message) { last_error = message; }

dp_tensor wrap(at::Tensor&& tensor) {
  auto* handle = new at::Tensor(std::move(tensor));
  live_tensors.fetch_add(1, std::memory_order_relaxed);
  return handle;
}

at::Scalar scalar(double real, int64_t integer, int kind) {
  switch (kind) {
    case DP_SCALAR_INTEGER: return at::Scalar(integer);
    case DP_SCALAR_BOOL: return at::Scalar(integer != 0);
    default: return at::Scalar(real);
  }
}

std::vector<at::Tensor> tensors(const dp_tensor* handles, int count) {
  std::vector<at::Tensor> result;
  result.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) result.push_back(*handles[i]);
  return result;
}

}  // namespace dp

// ---- errors, lifetime, library facts ----

DP_EXPORT const char* dp_last_error() { return last_error.c_str(); }

DP_EXPORT void dp_tensor_free(dp_tensor t) {
  if (t == nullptr) return;
  delete t;
  live_tensors.fetch_sub(1, std::memory_order_relaxed);
}

DP_EXPORT int64_t dp_live_tensor_count() { return live_tensors.load(std::memory_order_relaxed); }

DP_EXPORT const char* dp_torch_version() { return TORCH_VERSION; }

DP_EXPORT int dp_cuda_is_available() { return at::hasCUDA() ? 1 : 0; }

DP_EXPORT void dp_set_num_threads(int threads) { at::set_num_threads(threads); }

DP_EXPORT int dp_get_num_threads() { return at::get_num_threads(); }

// ---- metadata (cannot fail for a live handle) ----

DP_EXPORT int dp_ndim(dp_tensor t) { return static_cast<int>(t->dim()); }

DP_EXPORT void dp_sizes(dp_tensor t, int64_t* out) {
  auto sizes = t->sizes();
  std::copy(sizes.begin(), sizes.end(), out);
}

DP_EXPORT int64_t dp_numel(dp_tensor t) { return t->numel(); }

DP_EXPORT int dp_dtype(dp_tensor t) { return static_cast<int>(t->scalar_type()); }

DP_EXPORT int dp_device_type(dp_tensor t) { return static_cast<int>(t->device().type()); }

DP_EXPORT int dp_device_index(dp_tensor t) { return t->device().index(); }

DP_EXPORT int dp_requires_grad(dp_tensor t) { return t->requires_grad() ? 1 : 0; }

DP_EXPORT int dp_is_leaf(dp_tensor t) { return t->is_leaf() ? 1 : 0; }

// ---- creation ----

DP_EXPORT dp_tensor dp_from_data(const void* data, const int64_t* shape, int ndim, int dtype) {
  return dp::tensor_result([&] {
    auto result = at::empty(dp::dims(shape, ndim), options(dtype, 0, -1));
    if (result.nbytes() > 0) std::memcpy(result.data_ptr(), data, result.nbytes());
    return result;
  });
}

enum dp_factory_kind : int { DP_ZEROS = 0, DP_ONES = 1, DP_EMPTY = 2, DP_RANDN = 3, DP_RAND = 4 };

DP_EXPORT dp_tensor dp_factory(int kind, const int64_t* shape, int ndim, int dtype, int device_type, int device_index) {
  return dp::tensor_result([&] {
    auto size = dp::dims(shape, ndim);
    auto opts = options(dtype, device_type, device_index);
    switch (kind) {
      case DP_ZEROS: return at::zeros(size, opts);
      case DP_ONES: return at::ones(size, opts);
      case DP_EMPTY: return at::empty(size, opts);
      case DP_RANDN: return at::randn(size, opts);
      case DP_RAND: return at::rand(size, opts);
      default: throw std::invalid_argument("unknown factory kind " + std::to_string(kind));
    }
  });
}

DP_EXPORT dp_tensor dp_factory_like(dp_tensor t, int kind) {
  return dp::tensor_result([&] {
    switch (kind) {
      case DP_ZEROS: return at::zeros_like(*t);
      case DP_ONES: return at::ones_like(*t);
      case DP_EMPTY: return at::empty_like(*t);
      case DP_RANDN: return at::randn_like(*t);
      case DP_RAND: return at::rand_like(*t);
      default: throw std::invalid_argument("unknown factory kind " + std::to_string(kind));
    }
  });
}

DP_EXPORT dp_tensor dp_full(const int64_t* shape, int ndim, double real, int64_t integer, int kind, int dtype,
                            int device_type, int device_index) {
  return dp::tensor_result([&] {
    return at::full(dp::dims(shape, ndim), dp::scalar(real, integer, kind), options(dtype, device_type, device_index));
  });
}

DP_EXPORT dp_tensor dp_full_like(dp_tensor t, double real, int64_t integer, int kind) {
  return dp::tensor_result([&] { return at::full_like(*t, dp::scalar(real, integer, kind)); });
}

// dtype < 0 lets libtorch infer it from the scalars (int64 for integral bounds, float32 otherwise), like Python.
DP_EXPORT dp_tensor dp_arange(double start, double end, double step, int integral, int dtype, int device_type,
                              int device_index) {
  return dp::tensor_result([&] {
    auto as_scalar = [&](double v) { return integral ? at::Scalar(static_cast<int64_t>(v)) : at::Scalar(v); };
    auto device = at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index));
    auto opts = at::TensorOptions().device(device);
    if (dtype >= 0) opts = opts.dtype(static_cast<at::ScalarType>(dtype));
    else if (integral) opts = opts.dtype(at::kLong);
    return at::arange(as_scalar(start), as_scalar(end), as_scalar(step), opts);
  });
}

DP_EXPORT dp_tensor dp_linspace(double start, double end, int64_t steps, int dtype, int device_type,
                                int device_index) {
  return dp::tensor_result([&] { return at::linspace(start, end, steps, options(dtype, device_type, device_index)); });
}

DP_EXPORT dp_tensor dp_eye(int64_t rows, int64_t columns, int dtype, int device_type, int device_index) {
  return dp::tensor_result([&] { return at::eye(rows, columns, options(dtype, device_type, device_index)); });
}

// ---- conversion and data transfer ----

DP_EXPORT dp_tensor dp_to(dp_tensor t, int dtype, int device_type, int device_index, int copy) {
  return dp::tensor_result([&] {
    return t->to(options(dtype, device_type, device_index), /*non_blocking=*/false, copy != 0);
  });
}

// Copies the elements, in row-major order, into `destination` (exactly `nbytes` bytes; dtype checked by the caller).
DP_EXPORT int dp_copy_to(dp_tensor t, void* destination, int64_t nbytes) {
  return dp::status_result([&] {
    auto host = t->detach().to(at::kCPU).contiguous();
    if (static_cast<int64_t>(host.nbytes()) != nbytes) {
      throw std::invalid_argument("destination holds " + std::to_string(nbytes) + " bytes but the tensor has " +
                                  std::to_string(host.nbytes()));
    }
    if (host.nbytes() > 0) std::memcpy(destination, host.data_ptr(), host.nbytes());
  });
}

// ---- random numbers ----

DP_EXPORT void dp_manual_seed(uint64_t seed) {
  auto generator = default_generator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  generator.set_current_seed(seed);
}

// With `buffer == nullptr` only reports the state's size in *length.
DP_EXPORT int dp_rng_state(uint8_t* buffer, int64_t capacity, int64_t* length) {
  return dp::status_result([&] {
    auto generator = default_generator();
    at::Tensor state;
    {
      std::lock_guard<std::mutex> lock(generator.mutex());
      state = generator.get_state();
    }
    *length = static_cast<int64_t>(state.nbytes());
    if (buffer == nullptr) return;
    if (capacity < *length) throw std::invalid_argument("generator state buffer is too small");
    std::memcpy(buffer, state.data_ptr(), state.nbytes());
  });
}

DP_EXPORT int dp_set_rng_state(const uint8_t* buffer, int64_t length) {
  return dp::status_result([&] {
    auto state = at::empty({length}, at::kByte);
    std::memcpy(state.data_ptr(), buffer, static_cast<size_t>(length));
    auto generator = default_generator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state);
  });
}

DP_EXPORT dp_tensor dp_randint(int64_t low, int64_t high, const int64_t* shape, int ndim, int dtype, int device_type,
                               int device_index) {
  return dp::tensor_result([&] {
    return at::randint(low, high, dp::dims(shape, ndim), options(dtype, device_type, device_index));
  });
}

DP_EXPORT dp_tensor dp_multinomial(dp_tensor probabilities, int64_t samples, int replacement) {
  return dp::tensor_result([&] { return at::multinomial(*probabilities, samples, replacement != 0); });
}

DP_EXPORT dp_tensor dp_bernoulli(dp_tensor probabilities) {
  return dp::tensor_result([&] { return at::bernoulli(*probabilities); });
}

DP_EXPORT int dp_normal_(dp_tensor t, double mean, double std) {
  return dp::status_result([&] { t->normal_(mean, std); });
}

DP_EXPORT int dp_uniform_(dp_tensor t, double from, double to) {
  return dp::status_result([&] { t->uniform_(from, to); });
}

DP_EXPORT int dp_bernoulli_(dp_tensor t, double p) {
  return dp::status_result([&] { t->bernoulli_(p); });
}

// ---- autograd ----

DP_EXPORT int dp_is_grad_enabled() { return c10::GradMode::is_enabled() ? 1 : 0; }

DP_EXPORT void dp_set_grad_enabled(int enabled) { c10::GradMode::set_enabled(enabled != 0); }

DP_EXPORT int dp_set_requires_grad(dp_tensor t, int requires_grad) {
  return dp::status_result([&] { t->requires_grad_(requires_grad != 0); });
}

// *out is nullptr when the tensor has no gradient (yet).
DP_EXPORT int dp_grad(dp_tensor t, dp_tensor* out) {
  return dp::status_result([&] {
    const auto& grad = t->grad();
    *out = grad.defined() ? dp::wrap(grad) : nullptr;
  });
}

// Replaces the accumulated gradient; `grad == nullptr` clears it (what optimizers' zero_grad(set_to_none) does).
DP_EXPORT int dp_set_grad(dp_tensor t, dp_tensor grad) {
  return dp::status_result([&] {
    if (grad == nullptr) t->mutable_grad().reset();
    else t->mutable_grad() = *grad;
  });
}

DP_EXPORT int dp_retain_grad(dp_tensor t) {
  return dp::status_result([&] { t->retain_grad(); });
}

// retain_graph < 0 means "default" (= create_graph), as in PyTorch.
DP_EXPORT int dp_backward(dp_tensor t, dp_tensor gradient, int retain_graph, int create_graph) {
  return dp::status_result([&] {
    c10::optional<bool> retain;
    if (retain_graph >= 0) retain = retain_graph != 0;
    t->backward(gradient ? *gradient : at::Tensor(), retain, create_graph != 0);
  });
}

// Gradients of `outputs` with respect to `inputs`; grad_outputs may be nullptr or contain nullptr entries (= ones for
// scalar outputs). results[i] is nullptr when input i is unused and allow_unused is set.
DP_EXPORT int dp_autograd_grad(const dp_tensor* outputs, int output_count, const dp_tensor* inputs, int input_count,
                               const dp_tensor* grad_outputs, int retain_graph, int create_graph, int allow_unused,
                               dp_tensor* results) {
  return dp::status_result([&] {
    std::vector<at::Tensor> seeds;
    if (grad_outputs != nullptr) {
      for (int i = 0; i < output_count; ++i) seeds.push_back(grad_outputs[i] ? *grad_outputs[i] : at::Tensor());
    }
    c10::optional<bool> retain;
    if (retain_graph >= 0) retain = retain_graph != 0;
    auto grads = torch::autograd::grad(dp::tensors(outputs, output_count), dp::tensors(inputs, input_count), seeds,
                                       retain, create_graph != 0, allow_unused != 0);
    for (int i = 0; i < input_count; ++i) {
      results[i] = grads[static_cast<size_t>(i)].defined() ? dp::wrap(grads[static_cast<size_t>(i)]) : nullptr;
    }
  });
}

DP_EXPORT dp_tensor dp_detach(dp_tensor t) {
  return dp::tensor_result([&] { return t->detach(); });
}

DP_EXPORT int dp_detach_(dp_tensor t) {
  return dp::status_result([&] { t->detach_(); });
}
