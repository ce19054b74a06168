// Conventions shared by every translation unit of libdistilltorch (the C ABI that the C# binding calls).
//
// * A tensor crosses the boundary as an opaque handle: a heap-allocated at::Tensor* (dp_tensor). The C# side owns it
//   and releases it exactly once with dp_tensor_free. at::Tensor is reference counted, so freeing a handle never
//   invalidates other handles or autograd graphs that still use the same storage.
// * No C++ exception may cross the boundary. Every exported function catches c10::Error / std::exception, stores the
//   message in a thread-local "last error" (read with dp_last_error) and reports failure:
//     - functions that produce a tensor return nullptr,
//     - every other function returns an int status: DP_OK (0) or DP_ERROR (-1); results go through out-parameters.
//   The C# binding turns every failure into a TorchException carrying the libtorch message.
// * Scalars travel as (double real, int64 integer, int kind) so that integral tensors keep integral arithmetic,
//   mirroring Python's distinction between 2 and 2.0.
// * Shapes and dimension lists travel as (const int64_t* values, int count).
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <exception>
#include <utility>

#define DP_EXPORT extern "C" __attribute__((visibility("default")))

typedef at::Tensor* dp_tensor;

enum dp_status : int { DP_OK = 0, DP_ERROR = -1 };

// Kind tag of a scalar argument (see dp_scalar below).
enum dp_scalar_kind : int { DP_SCALAR_REAL = 0, DP_SCALAR_INTEGER = 1, DP_SCALAR_BOOL = 2 };

namespace dp {

// Records the message of the exception currently being handled as this thread's last error.
void set_last_error(const std::exception& error);
void set_last_error(const char* message);

// Moves a result into a new handle; counts live handles so leaks are observable from C# (dp_live_tensor_count).
dp_tensor wrap(at::Tensor&& tensor);
inline dp_tensor wrap(const at::Tensor& tensor) { return wrap(at::Tensor(tensor)); }

at::Scalar scalar(double real, int64_t integer, int kind);

inline at::IntArrayRef dims(const int64_t* values, int count) {
  return at::IntArrayRef(values, static_cast<size_t>(count));
}

// Collects `count` handles into a vector of tensors (cat, stack, autograd.grad ...).
std::vector<at::Tensor> tensors(const dp_tensor* handles, int count);

// Runs `body` and wraps its tensor result; any exception becomes nullptr + last error.
template <typename Body>
dp_tensor tensor_result(Body&& body) noexcept {
  try {
    return wrap(std::forward<Body>(body)());
  } catch (const std::exception& error) {
    set_last_error(error);
  } catch (...) {
    set_last_error("unknown native error");
  }
  return nullptr;
}

// Runs `body` (which returns nothing); any exception becomes DP_ERROR + last error.
template <typename Body>
int status_result(Body&& body) noexcept {
  try {
    std::forward<Body>(body)();
    return DP_OK;
  } catch (const std::exception& error) {
    set_last_error(error);
  } catch (...) {
    set_last_error("unknown native error");
  }
  return DP_ERROR;
}

}  // namespace dp

// Returns this thread's last error message (valid until the next failing call on this thread).
DP_EXPORT const char* dp_last_error();
