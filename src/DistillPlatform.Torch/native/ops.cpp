// Element-wise maths, comparisons, shape manipulation, indexing, reductions and linear algebra.
// Families of ops with the same signature are dispatched through one function and an op code; the codes are mirrored
// by the C# enums in NativeOps.cs (UnaryOp, BinaryOp, ShapeOp, ReduceOp) and must stay in sync with them.
#include "shim.h"

#include <sstream>
#include <string>

namespace {

[[noreturn]] void unknown_op(const char* family, int op) {
  throw std::invalid_argument(std::string("unknown ") + family + " op code " + std::to_string(op));
}

std::vector<int64_t> every_dim(const at::Tensor& t) {
  std::vector<int64_t> dims;
  for (int64_t d = 0; d < t.dim(); ++d) dims.push_back(d);
  return dims;
}

at::Tensor unary(const at::Tensor& t, int op) {
  switch (op) {
    case 0: return at::neg(t);
    case 1: return at::abs(t);
    case 2: return at::exp(t);
    case 3: return at::log(t);
    case 4: return at::sqrt(t);
    case 5: return at::rsqrt(t);
    case 6: return at::sigmoid(t);
    case 7: return at::tanh(t);
    case 8: return at::relu(t);
    case 9: return at::sign(t);
    case 10: return at::sin(t);
    case 11: return at::cos(t);
    case 12: return at::floor(t);
    case 13: return at::ceil(t);
    case 14: return at::round(t);
    case 15: return at::log1p(t);
    case 16: return at::expm1(t);
    case 17: return at::square(t);
    case 18: return at::reciprocal(t);
    case 19: return at::logical_not(t);
    case 20: return at::isnan(t);
    case 21: return at::isfinite(t);
    case 22: return at::all(t);
    case 23: return at::any(t);
    case 24: return at::t(t);
    case 25: return t.contiguous();
    case 26: return t.clone();
    case 27: return at::squeeze(t);
    case 28: return at::erf(t);
    case 29: return at::nonzero(t);
    case 30: return at::tril(t);
    case 31: return at::triu(t);
    default: unknown_op("unary", op);
  }
}

at::Tensor binary(const at::Tensor& a, const at::Tensor& b, int op) {
  switch (op) {
    case 0: return at::add(a, b);
    case 1: return at::sub(a, b);
    case 2: return at::mul(a, b);
    case 3: return at::div(a, b);
    case 4: return at::pow(a, b);
    case 5: return at::maximum(a, b);
    case 6: return at::minimum(a, b);
    case 7: return at::eq(a, b);
    case 8: return at::ne(a, b);
    case 9: return at::lt(a, b);
    case 10: return at::le(a, b);
    case 11: return at::gt(a, b);
    case 12: return at::ge(a, b);
    case 13: return at::logical_and(a, b);
    case 14: return at::logical_or(a, b);
    case 15: return at::remainder(a, b);
    case 16: return at::atan2(a, b);
    case 17: return at::matmul(a, b);
    case 18: return at::mm(a, b);
    case 19: return at::bmm(a, b);
    case 20: return at::outer(a, b);
    default: unknown_op("binary", op);
  }
}

// Codes 0..15 mean "tensor OP scalar"; 100.. are the reversed forms "scalar OP tensor".
at::Tensor binary_scalar(const at::Tensor& a, const at::Scalar& s, int op) {
  switch (op) {
    case 0: return at::add(a, s);
    case 1: return at::sub(a, s);
    case 2: return at::mul(a, s);
    case 3: return at::div(a, s);
    case 4: return at::pow(a, s);
    case 7: return at::eq(a, s);
    case 8: return at::ne(a, s);
    case 9: return at::lt(a, s);
    case 10: return at::le(a, s);
    case 11: return at::gt(a, s);
    case 12: return at::ge(a, s);
    case 15: return at::remainder(a, s);
    case 100: return at::rsub(a, s);
    case 101: return at::mul(at::reciprocal(a), s);  // what Python's Tensor.__rtruediv__ does
    case 102: return at::pow(s, a);
    default: unknown_op("tensor-scalar", op);
  }
}

at::Tensor shape_op(const at::Tensor& t, at::IntArrayRef dims, int op) {
  switch (op) {
    case 0: return t.reshape(dims);
    case 1: return t.view(dims);
    case 2: return t.permute(dims);
    case 3: return t.expand(dims);
    case 4: return t.repeat(dims);
    case 5: return t.flip(dims);
    default: unknown_op("shape", op);
  }
}

// Reductions over a list of dimensions; has_dims == 0 reduces over every dimension.
at::Tensor reduce(const at::Tensor& t, at::IntArrayRef dims, bool has_dims, bool keepdim, int op) {
  auto all_dims = every_dim(t);
  if (!has_dims) dims = all_dims;
  switch (op) {
    case 0: return has_dims ? at::sum(t, dims, keepdim) : (keepdim ? at::sum(t, dims, true) : at::sum(t));
    case 1: return has_dims ? at::mean(t, dims, keepdim) : (keepdim ? at::mean(t, dims, true) : at::mean(t));
    case 2: return at::logsumexp(t, dims, keepdim);
    case 3: return has_dims || keepdim ? at::amax(t, dims, keepdim) : at::max(t);
    case 4: return has_dims || keepdim ? at::amin(t, dims, keepdim) : at::min(t);
    default: unknown_op("reduce", op);
  }
}

}  // namespace

DP_EXPORT dp_tensor dp_unary(dp_tensor t, int op) {
  return dp::tensor_result([&] { return unary(*t, op); });
}

DP_EXPORT dp_tensor dp_binary(dp_tensor a, dp_tensor b, int op) {
  return dp::tensor_result([&] { return binary(*a, *b, op); });
}

DP_EXPORT dp_tensor dp_binary_scalar(dp_tensor a, double real, int64_t integer, int kind, int op) {
  return dp::tensor_result([&] { return binary_scalar(*a, dp::scalar(real, integer, kind), op); });
}

// a + alpha * b (Tensor.sub(b, alpha) passes -alpha).
DP_EXPORT dp_tensor dp_add_scaled(dp_tensor a, dp_tensor b, double real, int64_t integer, int kind) {
  return dp::tensor_result([&] { return at::add(*a, *b, dp::scalar(real, integer, kind)); });
}

DP_EXPORT dp_tensor dp_shape_op(dp_tensor t, const int64_t* dims, int count, int op) {
  return dp::tensor_result([&] { return shape_op(*t, dp::dims(dims, count), op); });
}

DP_EXPORT dp_tensor dp_transpose(dp_tensor t, int64_t dim0, int64_t dim1) {
  return dp::tensor_result([&] { return t->transpose(dim0, dim1); });
}

DP_EXPORT dp_tensor dp_squeeze_dim(dp_tensor t, int64_t dim) {
  return dp::tensor_result([&] { return t->squeeze(dim); });
}

DP_EXPORT dp_tensor dp_unsqueeze(dp_tensor t, int64_t dim) {
  return dp::tensor_result([&] { return t->unsqueeze(dim); });
}

DP_EXPORT dp_tensor dp_flatten(dp_tensor t, int64_t start_dim, int64_t end_dim) {
  return dp::tensor_result([&] { return t->flatten(start_dim, end_dim); });
}

DP_EXPORT dp_tensor dp_narrow(dp_tensor t, int64_t dim, int64_t start, int64_t length) {
  return dp::tensor_result([&] { return t->narrow(dim, start, length); });
}

DP_EXPORT dp_tensor dp_slice(dp_tensor t, int64_t dim, int64_t start, int64_t end, int64_t step) {
  return dp::tensor_result([&] { return t->slice(dim, start, end, step); });
}

DP_EXPORT dp_tensor dp_select(dp_tensor t, int64_t dim, int64_t index) {
  return dp::tensor_result([&] { return t->select(dim, index); });
}

DP_EXPORT dp_tensor dp_index_select(dp_tensor t, int64_t dim, dp_tensor index) {
  return dp::tensor_result([&] { return t->index_select(dim, *index); });
}

DP_EXPORT dp_tensor dp_gather(dp_tensor t, int64_t dim, dp_tensor index) {
  return dp::tensor_result([&] { return t->gather(dim, *index); });
}

// Advanced indexing with one tensor (int64 positions or a bool mask) along the first dimension: t[index].
DP_EXPORT dp_tensor dp_index(dp_tensor t, dp_tensor index) {
  return dp::tensor_result([&] {
    c10::List<c10::optional<at::Tensor>> indices;
    indices.push_back(*index);
    return at::index(*t, indices);
  });
}

DP_EXPORT dp_tensor dp_masked_fill(dp_tensor t, dp_tensor mask, double real, int64_t integer, int kind) {
  return dp::tensor_result([&] { return t->masked_fill(*mask, dp::scalar(real, integer, kind)); });
}

DP_EXPORT dp_tensor dp_where(dp_tensor condition, dp_tensor a, dp_tensor b) {
  return dp::tensor_result([&] { return at::where(*condition, *a, *b); });
}

// Bounds are ignored when their has_* flag is 0.
DP_EXPORT dp_tensor dp_clamp(dp_tensor t, int has_min, double min, int has_max, double max) {
  return dp::tensor_result([&] {
    c10::optional<at::Scalar> low, high;
    if (has_min) low = at::Scalar(min);
    if (has_max) high = at::Scalar(max);
    return at::clamp(*t, low, high);
  });
}

DP_EXPORT dp_tensor dp_cat(const dp_tensor* handles, int count, int64_t dim) {
  return dp::tensor_result([&] { return at::cat(dp::tensors(handles, count), dim); });
}

DP_EXPORT dp_tensor dp_stack(const dp_tensor* handles, int count, int64_t dim) {
  return dp::tensor_result([&] { return at::stack(dp::tensors(handles, count), dim); });
}

// Splits into pieces of `size` along `dim` (by_chunks == 0) or into `size` chunks (by_chunks == 1).
// Writes at most `capacity` handles into `results` and the piece count into *count.
DP_EXPORT int dp_split(dp_tensor t, int64_t size, int64_t dim, int by_chunks, dp_tensor* results, int capacity,
                       int* count) {
  return dp::status_result([&] {
    auto pieces = by_chunks ? t->chunk(size, dim) : t->split(size, dim);
    if (static_cast<int>(pieces.size()) > capacity) throw std::invalid_argument("split produced too many pieces");
    *count = static_cast<int>(pieces.size());
    for (size_t i = 0; i < pieces.size(); ++i) results[i] = dp::wrap(std::move(pieces[i]));
  });
}

DP_EXPORT dp_tensor dp_reduce(dp_tensor t, const int64_t* dims, int count, int has_dims, int keepdim, int op) {
  return dp::tensor_result([&] { return reduce(*t, dp::dims(dims, count), has_dims != 0, keepdim != 0, op); });
}

// Standard deviation (is_variance == 0) or variance; has_dims == 0 reduces over everything.
DP_EXPORT dp_tensor dp_std_var(dp_tensor t, const int64_t* dims, int count, int has_dims, int unbiased, int keepdim,
                               int is_variance) {
  return dp::tensor_result([&] {
    at::OptionalIntArrayRef over;
    if (has_dims) over = dp::dims(dims, count);
    return is_variance ? at::var(*t, over, unbiased != 0, keepdim != 0)
                       : at::std(*t, over, unbiased != 0, keepdim != 0);
  });
}

// max (is_min == 0) or min along one dimension: values and their int64 indices.
DP_EXPORT int dp_max_min_dim(dp_tensor t, int64_t dim, int keepdim, int is_min, dp_tensor* values,
                             dp_tensor* indices) {
  return dp::status_result([&] {
    auto result = is_min ? at::min(*t, dim, keepdim != 0) : at::max(*t, dim, keepdim != 0);
    *values = dp::wrap(std::get<0>(result));
    *indices = dp::wrap(std::get<1>(result));
  });
}

DP_EXPORT dp_tensor dp_argmax_min(dp_tensor t, int has_dim, int64_t dim, int keepdim, int is_min) {
  return dp::tensor_result([&] {
    c10::optional<int64_t> over;
    if (has_dim) over = dim;
    return is_min ? at::argmin(*t, over, keepdim != 0) : at::argmax(*t, over, keepdim != 0);
  });
}

DP_EXPORT dp_tensor dp_norm(dp_tensor t, double p, const int64_t* dims, int count, int has_dims, int keepdim) {
  return dp::tensor_result([&] {
    if (!has_dims) return keepdim ? at::norm(*t, p, every_dim(*t), true) : at::norm(*t, p);
    return at::norm(*t, p, dp::dims(dims, count), keepdim != 0);
  });
}

// Values and int64 positions: sorted along `dim` (k < 0) or the k largest/smallest along `dim` (k >= 0).
DP_EXPORT int dp_sort_topk(dp_tensor t, int64_t k, int64_t dim, int descending, dp_tensor* values, dp_tensor* indices) {
  return dp::status_result([&] {
    auto result = k < 0 ? at::sort(*t, dim, descending != 0) : at::topk(*t, k, dim, descending != 0, /*sorted=*/true);
    *values = dp::wrap(std::get<0>(result));
    *indices = dp::wrap(std::get<1>(result));
  });
}

// out = copy of t with src's values written (accumulate == 0) or added (accumulate == 1) at `index` along `dim`.
DP_EXPORT dp_tensor dp_scatter(dp_tensor t, int64_t dim, dp_tensor index, dp_tensor src, int accumulate) {
  return dp::tensor_result([&] {
    return accumulate ? at::scatter_add(*t, dim, *index, *src) : at::scatter(*t, dim, *index, *src);
  });
}

DP_EXPORT dp_tensor dp_bincount(dp_tensor t, int64_t minlength) {
  return dp::tensor_result([&] { return at::bincount(*t, c10::nullopt, minlength); });
}

DP_EXPORT int dp_allclose(dp_tensor a, dp_tensor b, double rtol, double atol, int* result) {
  return dp::status_result([&] { *result = at::allclose(*a, *b, rtol, atol) ? 1 : 0; });
}

DP_EXPORT int dp_equal(dp_tensor a, dp_tensor b, int* result) {
  return dp::status_result([&] { *result = at::equal(*a, *b) ? 1 : 0; });
}

// The tensor printed like PyTorch's repr (values included); the text stays valid until the next call on this thread.
DP_EXPORT const char* dp_format(dp_tensor t) {
  thread_local std::string text;
  try {
    std::ostringstream stream;
    stream << *t;
    text = stream.str();
  } catch (const std::exception& error) {
    dp::set_last_error(error);
    return nullptr;
  }
  return text.c_str();
}

DP_EXPORT dp_tensor dp_cumsum(dp_tensor t, int64_t dim) {
  return dp::tensor_result([&] { return at::cumsum(*t, dim); });
}

// ---- in-place updates (optimizers, initialisers) ----

// a += weight * (end - a): the exponential moving average update.
DP_EXPORT int dp_lerp_(dp_tensor a, dp_tensor end, double weight) {
  return dp::status_result([&] { a->lerp_(*end, weight); });
}

// Codes: 0 add_, 1 sub_, 2 mul_, 3 div_, 4 copy_.
DP_EXPORT int dp_binary_(dp_tensor a, dp_tensor b, int op) {
  return dp::status_result([&] {
    switch (op) {
      case 0: a->add_(*b); break;
      case 1: a->sub_(*b); break;
      case 2: a->mul_(*b); break;
      case 3: a->div_(*b); break;
      case 4: a->copy_(*b); break;
      default: unknown_op("in-place binary", op);
    }
  });
}

// Codes: 0 add_, 1 sub_, 2 mul_, 3 div_, 4 fill_.
DP_EXPORT int dp_binary_scalar_(dp_tensor a, double real, int64_t integer, int kind, int op) {
  return dp::status_result([&] {
    auto s = dp::scalar(real, integer, kind);
    switch (op) {
      case 0: a->add_(s); break;
      case 1: a->sub_(s); break;
      case 2: a->mul_(s); break;
      case 3: a->div_(s); break;
      case 4: a->fill_(s); break;
      default: unknown_op("in-place tensor-scalar", op);
    }
  });
}

DP_EXPORT int dp_add_scaled_(dp_tensor a, dp_tensor b, double alpha) {
  return dp::status_result([&] { a->add_(*b, alpha); });
}

// a += value * t1 * t2 (is_div == 0) or a += value * t1 / t2 (is_div == 1): the Adam update's building blocks.
DP_EXPORT int dp_addc_(dp_tensor a, dp_tensor t1, dp_tensor t2, double value, int is_div) {
  return dp::status_result([&] {
    if (is_div) a->addcdiv_(*t1, *t2, value);
    else a->addcmul_(*t1, *t2, value);
  });
}

DP_EXPORT int dp_zero_(dp_tensor t) {
  return dp::status_result([&] { t->zero_(); });
}

DP_EXPORT int dp_clamp_(dp_tensor t, int has_min, double min, int has_max, double max) {
  return dp::status_result([&] {
    c10::optional<at::Scalar> low, high;
    if (has_min) low = at::Scalar(min);
    if (has_max) high = at::Scalar(max);
    t->clamp_(low, high);
  });
}
