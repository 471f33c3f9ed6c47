"""What the operating system enforces on baap-kg's processes, whatever the code they run does.

`deny_network()` installs a seccomp filter (Linux, unprivileged: it needs only `no_new_privs`)
under which `socket()` fails with EACCES for every address family except AF_UNIX, and io_uring,
which could open sockets past the filter, is unavailable. The filter is inherited by every process
forked afterwards and cannot be removed, so a query that reaches SERVICE or a parser that fetches a
remote document finds no way to open a connection: no text check has to be right for that to
hold. `baap-kg serve` installs it in the supervisor right after binding its one listening socket,
before it forks the app, the zygote and (through the zygote) every worker.

Why seccomp and not a network namespace: an unprivileged network namespace needs user namespaces,
which many hosts and containers disable; seccomp with `no_new_privs` works for any user on any
Linux since 3.5, and it also covers sockets inherited from nowhere (a process cannot create one).
Sockets that exist before the filter (the listening socket, the AF_UNIX pairs) keep working.

`limit_resources()` sets the per-process limits of a worker: address space, CPU seconds (a
backstop behind the app's own timeout) and no core files.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import platform
import resource
from typing import Final

_PR_SET_NAME: Final = 15
_PR_SET_NO_NEW_PRIVS: Final = 38
_PR_SET_SECCOMP: Final = 22
_SECCOMP_MODE_FILTER: Final = 2
_RET_ALLOW: Final = 0x7FFF0000
_RET_ERRNO: Final = 0x00050000
_RET_KILL_PROCESS: Final = 0x80000000
# classic BPF opcodes
_LD_W_ABS: Final = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JEQ_K: Final = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JGE_K: Final = 0x35  # BPF_JMP | BPF_JGE | BPF_K
_RET_K: Final = 0x06  # BPF_RET | BPF_K
# offsets in struct seccomp_data
_NR: Final = 0
_ARCH: Final = 4
_ARG0_LOW: Final = 16  # args[0], low 32 bits (little-endian)
_AF_UNIX: Final = 1
_X32_SYSCALL_BIT: Final = 0x40000000
#: machine -> (AUDIT_ARCH_*, __NR_socket, __NR_io_uring_setup)
_ARCHITECTURES: Final = {
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}


class SandboxError(RuntimeError):
    """The operating system refused the sandbox; the message says what to do."""


class _Instruction(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint),
    ]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Instruction))]


def _op(code: int, k: int, jt: int = 0, jf: int = 0) -> _Instruction:
    return _Instruction(code, jt, jf, k)


def network_filter(machine: str) -> list[_Instruction]:
    """The BPF program: socket() only for AF_UNIX, no io_uring, native system calls only."""
    try:
        audit_arch, nr_socket, nr_io_uring_setup = _ARCHITECTURES[machine]
    except KeyError:
        raise SandboxError(
            f"no network sandbox for the {machine} architecture (x86_64 and aarch64 have one)"
        ) from None
    refuse = _RET_ERRNO | errno.EACCES
    program = [
        _op(_LD_W_ABS, _ARCH),
        _op(_JEQ_K, audit_arch, jt=1),
        _op(_RET_K, _RET_KILL_PROCESS),  # a foreign ABI (i386 on x86_64): socketcall and friends
        _op(_LD_W_ABS, _NR),
    ]
    if machine == "x86_64":  # the x32 ABI numbers its calls from 0x40000000: refuse them all
        program += [_op(_JGE_K, _X32_SYSCALL_BIT, jf=1), _op(_RET_K, refuse)]
    program += [
        _op(_JEQ_K, nr_io_uring_setup, jf=1),
        _op(_RET_K, _RET_ERRNO | errno.ENOSYS),
        _op(_JEQ_K, nr_socket, jt=1),
        _op(_RET_K, _RET_ALLOW),
        _op(_LD_W_ABS, _ARG0_LOW),
        _op(_JEQ_K, _AF_UNIX, jf=1),
        _op(_RET_K, _RET_ALLOW),
        _op(_RET_K, refuse),
    ]
    return program


def deny_network() -> None:
    """Make this process and every process it forks unable to open a network socket.

    Raises SandboxError when the kernel refuses (not Linux, seccomp disabled, unknown machine).
    """
    libc = ctypes.CDLL(None, use_errno=True)
    instructions = network_filter(platform.machine())
    array = (_Instruction * len(instructions))(*instructions)
    program = _Program(len(instructions), array)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise SandboxError(f"prctl(NO_NEW_PRIVS) failed: {os.strerror(ctypes.get_errno())}")
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) != 0:
        raise SandboxError(
            f"the kernel refused the seccomp network filter: {os.strerror(ctypes.get_errno())}; "
            "baap-kg serve needs Linux with seccomp (CONFIG_SECCOMP_FILTER)"
        )


def network_denied() -> bool:
    """Whether this process runs under the filter (it cannot open an AF_INET socket)."""
    import socket

    try:
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    except PermissionError:
        return True
    probe.close()
    return False


def limit_resources(memory_mb: int) -> None:
    """A worker's limits: address space (`memory_mb`, 0: none) and no core files."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def limit_cpu_for_next(seconds: float) -> None:
    """Let this process use at most `seconds` more CPU time before the kernel stops it (SIGXCPU).

    A backstop behind the app's timer: a worker whose app is gone, or whose kill was lost, still
    stops. Only the soft limit moves, so it can be raised again for the next job.
    """
    usage = resource.getrusage(resource.RUSAGE_SELF)
    spent = usage.ru_utime + usage.ru_stime
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = int(spent + seconds) + 1
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def close_other_descriptors(keep: set[int]) -> None:
    """Close every inherited file descriptor above 2 except `keep`."""
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        names = [str(fd) for fd in range(3, 1024)]
    for name in names:
        fd = int(name)
        if fd > 2 and fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)


def set_process_name(name: str) -> None:
    """The name `ps -o comm` and /proc/PID/comm show (15 bytes at most), so operators and tests
    can tell the supervisor, app, zygote and workers apart."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_NAME, name.encode()[:15], 0, 0, 0)
