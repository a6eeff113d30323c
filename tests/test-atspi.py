#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, as a screen reader would: start the real program on the
# example, find the telephone field through AT-SPI by its accessible name,
# type into it, press Ctrl+Z, and read the field back. Then, on the Goals
# page, edit a level-3 indicator's target value (预期当年实现值) in the
# indicator tree, walk down to the next one by keyboard, and read both
# back.
#
# Runs under Xvfb and a D-Bus session (build-aux/dev.sh test provides both);
# prints TAP. Skips when there is no display or no pyatspi.

import os
import shutil
import subprocess
import sys
import tempfile
import time


def tap_skip(reason):
    print("1..0 # SKIP " + reason)
    sys.exit(0)


if not os.environ.get("DISPLAY"):
    tap_skip("no display")
# The test environment makes GLib warnings fatal, which is right for the
# program under test (it gets fatal-criticals below) but not for pyatspi's
# own chatter about the accessibility bus.
os.environ.pop("G_DEBUG", None)
# A D-Bus session of its own, so the accessibility bus holds only the
# program under test: other programs of the test run (other GUI tests) must
# not answer, or hang, the queries.
if os.environ.get("PERFGOAL_ATSPI_PRIVATE_BUS") is None and shutil.which("dbus-run-session"):
    os.environ["PERFGOAL_ATSPI_PRIVATE_BUS"] = "1"
    # The accessibility bus puts its socket under $XDG_RUNTIME_DIR (else
    # ~/.cache): a private one, so starting and stopping ours never takes
    # away the bus of the session around us.
    os.environ["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="perfgoal-atspi-run-")
    os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable, *sys.argv])
try:
    import pyatspi
except ImportError:
    tap_skip("pyatspi is not installed (python3-pyatspi)")
if shutil.which("xdotool") is None:
    tap_skip("xdotool is not installed")

PROGRAM = os.environ["PERFGOAL_PROGRAM"]
LAUNCHER = "/usr/libexec/at-spi-bus-launcher"

print("1..9")


def wait_for(predicate, timeout=45.0, what="something"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def find_matching(node, role, matches, depth=0):
    if node is None or depth > 40:
        return None
    try:
        if node.getRoleName() == role and matches(node.name):
            return node
        children = list(node)
    except Exception:
        return None
    for child in children:
        found = find_matching(child, role, matches, depth + 1)
        if found is not None:
            return found
    return None


def find(node, role, name):
    # GTK 4.8 names a button with a mnemonic "_Recover Recover": the
    # label with its underline, then without.
    return find_matching(node, role, lambda found: found == name or found.endswith(" " + name))


def find_all(node, role, name, found, depth=0):
    if node is None or depth > 40:
        return found
    try:
        if node.getRoleName() == role and node.name == name:
            found.append(node)
        children = list(node)
    except Exception:
        return found
    for child in children:
        find_all(child, role, name, found, depth + 1)
    return found


def text_of(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True)


def program_on_bus():
    """The program's accessible, looked up afresh: windows come and go."""
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        try:
            app = desktop.getChildAtIndex(index)
            if app is not None and app.name == "perfgoal":
                return app
        except Exception:
            continue
    return None


def find_in_program(role, name):
    return find(program_on_bus(), role, name)


def start(args, env):
    process = subprocess.Popen([PROGRAM, *args], env=env, stdout=sys.stderr)
    wait_for(program_on_bus, what="the program on the accessibility bus")
    return process


def focus_and_click(process, node):
    window = wait_for(lambda: subprocess.run(["xdotool", "search", "--sync", "--pid", str(process.pid)],
                                             capture_output=True, text=True).stdout.split(),
                      what="the program's window")[-1]
    xdotool("windowfocus", "--sync", window)
    # Where AT-SPI says the field is (window coordinates: with no window
    # manager, the window sits at the origin).
    box = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    xdotool("mousemove", "--sync", str(box.x + box.width // 2), str(box.y + box.height // 2))
    xdotool("click", "1")
    time.sleep(0.3)


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


bus = None
if os.path.exists(LAUNCHER):
    # What the bus and its registry say goes to stderr: stdout is the TAP
    # stream.
    bus = subprocess.Popen([LAUNCHER, "--launch-immediately"], stdout=sys.stderr)
    time.sleep(0.5)

home = tempfile.mkdtemp(prefix="perfgoal-atspi-")
env = dict(os.environ, XDG_DATA_HOME=home, LANGUAGE="en", LANG="C.UTF-8", G_DEBUG="fatal-criticals",
           GSETTINGS_BACKEND="memory", GTK_A11Y="atspi")
status = 0
app = None
try:
    app = start(["--example"], env)
    phone = wait_for(lambda: find_in_program("text", "Contact telephone"), what="the telephone field")
    assert text_of(phone) == "84902037", text_of(phone)
    print("ok 1 the telephone field is found by its name and reads 84902037")

    focus_and_click(app, phone)
    xdotool("key", "--clearmodifiers", "End")
    xdotool("type", "--delay", "50", "--", "-9")
    wait_for(lambda: text_of(phone) == "84902037-9", what="the typed text")
    print("ok 2 typing into the field reaches it: 84902037-9")

    # Ctrl+Z while the field has the focus undoes through the document.
    xdotool("key", "--clearmodifiers", "ctrl+z")
    wait_for(lambda: text_of(phone) == "84902037", what="the undone text")
    print("ok 3 Ctrl+Z in the field restores 84902037")

    # Killed mid-edit: the next start offers the edit back.
    xdotool("type", "--delay", "50", "--", "-7")
    wait_for(lambda: text_of(phone) == "84902037-7", what="the second edit")
    app.kill()
    app.wait()
    app = start([], env)
    recover = wait_for(lambda: find_in_program("push button", "Recover"), what="the Recover button")
    print("ok 4 after SIGKILL the next start offers recovery")
    recover.queryAction().doAction(0)
    phone = wait_for(lambda: find_in_program("text", "Contact telephone"), what="the recovered field")
    wait_for(lambda: text_of(phone) == "84902037-7", what="the recovered edit, got %r" % text_of(phone))
    print("ok 5 the recovered declaration has the edit: 84902037-7")

    # The indicator tree: the first level-3 indicator's target, by name.
    xdotool("key", "--clearmodifiers", "alt+6")
    targets = wait_for(lambda: find_all(program_on_bus(), "text", "Expected this year", []),
                       what="the targets of the indicator tree")
    first, second = targets[0], targets[1]
    assert text_of(first) == "480 万元", text_of(first)
    assert text_of(second) == "1100 人次", text_of(second)
    print("ok 6 the first level-3 target is found by its name and reads 480 万元")

    # A click edits it; what is typed reaches the document and the field.
    focus_and_click(app, first)
    xdotool("key", "--clearmodifiers", "ctrl+a")
    xdotool("type", "--delay", "50", "--", "520")
    wait_for(lambda: text_of(first) == "520", what="the typed target, got %r" % text_of(first))
    print("ok 7 typing into the target reaches it: 520")

    # Enter ends the edit, Down selects the next row's target, typing
    # replaces its text and Escape gives it back.
    xdotool("key", "--clearmodifiers", "Return")
    xdotool("key", "--clearmodifiers", "Down")
    xdotool("type", "--delay", "50", "--", "7")
    wait_for(lambda: text_of(second) == "7", what="typing in the next target, got %r" % text_of(second))
    xdotool("key", "--clearmodifiers", "Escape")
    wait_for(lambda: text_of(second) == "1100 人次", what="the cancelled edit, got %r" % text_of(second))
    assert text_of(first) == "520", text_of(first)
    print("ok 8 Down goes to the next target; Escape cancels its edit: 1100 人次, and the first keeps 520")

    # Collapsing the first level-1 takes its rows out of what a screen
    # reader finds (they stay in the window, folded); expanding brings
    # them back.
    def n_targets():
        return len(find_all(program_on_bus(), "text", "Expected this year", []))

    output = wait_for(lambda: find_matching(program_on_bus(), "push button", lambda name: name.startswith("Output")),
                      what="the first level-1's button")
    before = n_targets()
    output.queryAction().doAction(0)
    wait_for(lambda: n_targets() == before - 8, what="8 targets fewer, got %d of %d" % (n_targets(), before))
    output.queryAction().doAction(0)
    wait_for(lambda: n_targets() == before, what="the targets back, got %d of %d" % (n_targets(), before))
    print("ok 9 collapsing Output hides its 8 targets from assistive technologies; expanding shows them")
except Exception as error:  # report, then clean up
    print("not ok - %s" % error)
    if os.environ.get("PERFGOAL_ATSPI_DUMP"):
        def dump(node, depth=0):
            try:
                print("#", "  " * depth, node.getRoleName(), repr(node.name))
                for child in node:
                    dump(child, depth + 1)
            except Exception:
                pass
        for a in pyatspi.Registry.getDesktop(0):
            dump(a)
    status = 1
finally:
    if app is not None:
        stop(app)
    if bus is not None:
        bus.terminate()
    shutil.rmtree(home, ignore_errors=True)
    # The private runtime directory made before the re-run under
    # dbus-run-session: nothing needs it once the buses are told to stop.
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.environ.get("PERFGOAL_ATSPI_PRIVATE_BUS") == "1" and \
            os.path.basename(runtime).startswith("perfgoal-atspi-run-"):
        shutil.rmtree(runtime, ignore_errors=True)
sys.exit(status)
