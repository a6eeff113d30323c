#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, as a screen reader would: start the real program on the
# example, find the telephone field through AT-SPI by its accessible name,
# type into it, press Ctrl+Z, and read the field back.
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
try:
    import pyatspi
except ImportError:
    tap_skip("pyatspi is not installed (python3-pyatspi)")
if shutil.which("xdotool") is None:
    tap_skip("xdotool is not installed")

PROGRAM = os.environ["PERFGOAL_PROGRAM"]
LAUNCHER = "/usr/libexec/at-spi-bus-launcher"

print("1..3")


def wait_for(predicate, timeout=20.0, what="something"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def find(node, role, name, depth=0):
    if node is None or depth > 40:
        return None
    try:
        if node.getRoleName() == role and node.name == name:
            return node
        children = list(node)
    except Exception:
        return None
    for child in children:
        found = find(child, role, name, depth + 1)
        if found is not None:
            return found
    return None


def text_of(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True)


bus = None
if os.path.exists(LAUNCHER):
    bus = subprocess.Popen([LAUNCHER, "--launch-immediately"])
    time.sleep(0.5)

home = tempfile.mkdtemp(prefix="perfgoal-atspi-")
env = dict(os.environ, XDG_DATA_HOME=home, LANGUAGE="en", LANG="C.UTF-8",
           GSETTINGS_BACKEND="memory", GTK_A11Y="atspi")
app = subprocess.Popen([PROGRAM, "--example"], env=env)
status = 0
try:
    desktop = pyatspi.Registry.getDesktop(0)
    perfgoal = wait_for(lambda: next((a for a in desktop if a is not None and a.name == "perfgoal"), None),
                        what="the program on the accessibility bus")
    phone = wait_for(lambda: find(perfgoal, "text", "Contact telephone"), what="the telephone field")
    assert text_of(phone) == "84902037", text_of(phone)
    print("ok 1 the telephone field is found by its name and reads 84902037")

    # Keyboard focus: the window first (there is no window manager), then
    # the field.
    window = wait_for(lambda: subprocess.run(["xdotool", "search", "--sync", "--pid", str(app.pid)],
                                             capture_output=True, text=True).stdout.split(),
                      what="the program's window")[-1]
    xdotool("windowfocus", "--sync", window)
    # Click into the field, where AT-SPI says it is on the screen.
    box = phone.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    xdotool("mousemove", "--sync", str(box.x + box.width // 2), str(box.y + box.height // 2))
    xdotool("click", "1")
    time.sleep(0.3)
    xdotool("key", "--clearmodifiers", "End")
    xdotool("type", "--delay", "50", "--", "-9")
    wait_for(lambda: text_of(phone) == "84902037-9", what="the typed text, got %r" % text_of(phone))
    print("ok 2 typing into the field reaches it: 84902037-9")

    # Ctrl+Z while the field has the focus undoes through the document.
    xdotool("key", "--clearmodifiers", "ctrl+z")
    wait_for(lambda: text_of(phone) == "84902037", what="the undone text, got %r" % text_of(phone))
    print("ok 3 Ctrl+Z in the field restores 84902037")
except Exception as error:  # report, then clean up
    print("not ok - %s" % error)
    status = 1
finally:
    app.terminate()
    try:
        app.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.kill()
    if bus is not None:
        bus.terminate()
    shutil.rmtree(home, ignore_errors=True)
sys.exit(status)
