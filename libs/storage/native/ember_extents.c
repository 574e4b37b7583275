/*
 * ember_extents: where the data of a sparse file is, and an in-kernel copy of it, for @ember/storage.
 *
 * Why this exists: Node has no lseek(SEEK_DATA/SEEK_HOLE), so without it a sparse copy must read
 * every hole, and the kernel fills the page cache with zero pages to serve those reads (about
 * 1.2 s of system time for the first read of a 1 GiB hole, against milliseconds for `cp`, which
 * asks the filesystem where the data is). Node has no copy_file_range(2) for ranges either.
 * The TypeScript side (src/native-extents.ts) falls back to reading holes and writing from its
 * buffers when this addon is absent: same results, slower.
 *
 *   dataExtents(fd, start, end) -> [s0, e0, s1, e1, ...]
 *
 *     Byte ranges [s, e) of the open file `fd` between `start` and `end` that hold data, in order,
 *     clipped to [start, end). Holes are everything else. A filesystem that cannot answer
 *     (EINVAL, EOPNOTSUPP, ...) gets [start, end], i.e. "all data": always correct, just slower.
 *     An allocated-but-unwritten extent may be reported as data: it reads as zeros, also correct.
 *     Moves the file offset of `fd` (Node's positional reads do not use it). lseek on these is a
 *     metadata lookup, fast enough to run synchronously on the main thread.
 *
 *   copyRange(srcFd, dstFd, offset, length) -> Promise<bytes copied>
 *
 *     copy_file_range(2) of [offset, offset + length) of srcFd to the same offset of dstFd, on a
 *     libuv thread: the kernel copies page cache to page cache (or shares the blocks on
 *     filesystems with reflinks), no round trip through a JS buffer. Then starts writeback of the
 *     range (sync_file_range SYNC_FILE_RANGE_WRITE: a hint, not a flush) so that the caller's
 *     final fsync has little left to wait for. Resolves with fewer bytes than asked only if the
 *     source ends early. EXDEV, EOPNOTSUPP, ENOSYS (not Linux), EINVAL: the caller writes the
 *     bytes itself.
 *
 * Errors throw (or reject with) an Error with `errno` (positive) and `syscall` set; the caller
 * maps errno to a code.
 */
#define _GNU_SOURCE
#define NAPI_VERSION 8
#include <node_api.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef SEEK_DATA
#define SEEK_DATA 3
#define SEEK_HOLE 4
#endif

#define CHECK(call)                                                                                \
  do {                                                                                             \
    if ((call) != napi_ok) return NULL;                                                            \
  } while (0)

/* Error(`syscall: strerror`) with .errno and .syscall, or NULL if it could not be made. */
static napi_value errno_error(napi_env env, int err, const char *syscall) {
  char message[256];
  napi_value msg, error, errno_value, syscall_value;
  snprintf(message, sizeof message, "%s: %s", syscall, strerror(err));
  CHECK(napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &msg));
  CHECK(napi_create_error(env, NULL, msg, &error));
  CHECK(napi_create_int32(env, err, &errno_value));
  CHECK(napi_set_named_property(env, error, "errno", errno_value));
  CHECK(napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &syscall_value));
  CHECK(napi_set_named_property(env, error, "syscall", syscall_value));
  return error;
}

static napi_value throw_errno(napi_env env, int err, const char *syscall) {
  napi_value error = errno_error(env, err, syscall);
  if (error != NULL) napi_throw(env, error);
  return NULL;
}

/* Errors meaning "this filesystem (or kernel) cannot tell data from holes". */
static int unsupported(int err) {
  return err == EINVAL || err == EOPNOTSUPP || err == ENOTSUP || err == ENOSYS;
}

static int push(napi_env env, napi_value array, uint32_t *length, int64_t value) {
  napi_value v;
  if (napi_create_int64(env, value, &v) != napi_ok) return 0;
  return napi_set_element(env, array, (*length)++, v) == napi_ok;
}

static napi_value data_extents(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], result;
  int32_t fd;
  int64_t start, end;
  uint32_t length = 0;

  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 3 || napi_get_value_int32(env, argv[0], &fd) != napi_ok ||
      napi_get_value_int64(env, argv[1], &start) != napi_ok ||
      napi_get_value_int64(env, argv[2], &end) != napi_ok || fd < 0 || start < 0 || end < start) {
    napi_throw_type_error(env, NULL, "dataExtents(fd, start, end): fd >= 0, 0 <= start <= end");
    return NULL;
  }
  CHECK(napi_create_array(env, &result));

  for (off_t off = start; off < end;) {
    off_t data = lseek(fd, off, SEEK_DATA), hole = -1;
    if (data < 0 && errno == ENXIO) break; /* no data at or after off */
    if (data >= end) break;
    if (data >= 0) hole = lseek(fd, data, SEEK_HOLE); /* end of file counts as a hole */
    if (hole < 0) {
      if (!unsupported(errno)) return throw_errno(env, errno, "lseek");
      /* Cannot tell: everything is data. */
      CHECK(napi_create_array(env, &result));
      length = 0;
      if (!push(env, result, &length, start) || !push(env, result, &length, end)) return NULL;
      break;
    }
    if (hole <= data) break; /* the file shrank under us: stop rather than loop */
    if (hole > end) hole = end;
    if (!push(env, result, &length, data) || !push(env, result, &length, hole)) return NULL;
    off = hole;
  }
  return result;
}

/* copyRange: one job per call, run on a libuv thread. */
typedef struct {
  int src, dst;
  int64_t offset, length, copied;
  int err;
  napi_deferred deferred;
  napi_async_work work;
} copy_job;

static void copy_execute(napi_env env, void *data) {
  copy_job *job = data;
  (void)env;
#ifdef __linux__
  loff_t in = job->offset, out = job->offset;
  while (job->copied < job->length) {
    ssize_t n = copy_file_range(job->src, &in, job->dst, &out, (size_t)(job->length - job->copied), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      job->err = errno;
      return;
    }
    if (n == 0) break; /* end of the source */
    job->copied += n;
  }
  /* Advisory: errors here only mean the final fsync does all the work. */
  if (job->copied > 0) sync_file_range(job->dst, job->offset, job->copied, SYNC_FILE_RANGE_WRITE);
#else
  job->err = ENOSYS; /* the caller writes the bytes itself */
#endif
}

static void copy_complete(napi_env env, napi_status status, void *data) {
  copy_job *job = data;
  napi_value value = NULL;
  if (status == napi_ok && job->err == 0 && napi_create_int64(env, job->copied, &value) == napi_ok) {
    napi_resolve_deferred(env, job->deferred, value);
  } else {
    value = errno_error(env, job->err ? job->err : EIO, "copy_file_range");
    if (value == NULL) napi_get_undefined(env, &value);
    napi_reject_deferred(env, job->deferred, value);
  }
  napi_delete_async_work(env, job->work);
  free(job);
}

static napi_value copy_range(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4], promise, name;
  int32_t src, dst;
  int64_t offset, length;
  copy_job *job;

  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 4 || napi_get_value_int32(env, argv[0], &src) != napi_ok ||
      napi_get_value_int32(env, argv[1], &dst) != napi_ok ||
      napi_get_value_int64(env, argv[2], &offset) != napi_ok ||
      napi_get_value_int64(env, argv[3], &length) != napi_ok || src < 0 || dst < 0 || offset < 0 || length < 0) {
    napi_throw_type_error(env, NULL, "copyRange(srcFd, dstFd, offset, length): fds, offset, length >= 0");
    return NULL;
  }
  job = calloc(1, sizeof *job);
  if (job == NULL) return throw_errno(env, ENOMEM, "copyRange");
  *job = (copy_job){.src = src, .dst = dst, .offset = offset, .length = length};
  if (napi_create_promise(env, &job->deferred, &promise) != napi_ok ||
      napi_create_string_utf8(env, "ember_extents.copyRange", NAPI_AUTO_LENGTH, &name) != napi_ok ||
      napi_create_async_work(env, NULL, name, copy_execute, copy_complete, job, &job->work) != napi_ok) {
    free(job);
    napi_throw_error(env, NULL, "copyRange: cannot start the copy"); /* no-op if one is pending */
    return NULL;
  }
  if (napi_queue_async_work(env, job->work) != napi_ok) {
    napi_delete_async_work(env, job->work);
    free(job);
    napi_throw_error(env, NULL, "copyRange: cannot start the copy");
    return NULL;
  }
  return promise;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  CHECK(napi_create_function(env, "dataExtents", NAPI_AUTO_LENGTH, data_extents, NULL, &fn));
  CHECK(napi_set_named_property(env, exports, "dataExtents", fn));
  CHECK(napi_create_function(env, "copyRange", NAPI_AUTO_LENGTH, copy_range, NULL, &fn));
  CHECK(napi_set_named_property(env, exports, "copyRange", fn));
  return exports;
}
