#!/usr/bin/python3
"""Edit cells of workbooks in LibreOffice Calc itself, as a coordinator's Calc would.

    /usr/bin/python3 calc-edit.py PROFILE_DIR IN.xlsx OUT.xlsx ['Sheet!B4=text' ...] [-- IN.xlsx OUT.xlsx ...]

Starts its own headless soffice (a private profile in PROFILE_DIR, a private pipe) once, and for each
job (jobs are separated by "--") opens IN.xlsx through the UNO bridge (Debian's python3-uno), sets
each given cell to the text after "=" (an empty text clears the cell; no cells: Calc only re-saves
it), saves the whole document as .xlsx with Calc's Excel 2007-365 filter to OUT.xlsx; then shuts
soffice down. One soffice for all jobs: a start costs about 4.5 CPU-s. soffice never outlives this
script: on any failure its process group is killed. Used by test/integration/xlsx-libreoffice.test.ts.
"""

import os
import signal
import subprocess
import sys
import time
import uuid

import uno  # Debian: python3-uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

# Text, numbers, dates and formulas (com.sun.star.sheet.CellFlags VALUE|DATETIME|STRING|FORMULA).
CONTENTS = 1 | 2 | 4 | 16
CONNECT_SECONDS = 180


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(office, pipe):
    """The office's component context once its pipe answers (it is starting up until then)."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if office.poll() is not None:
                raise SystemExit(f"soffice exited ({office.returncode}) before it accepted a connection")
            if time.monotonic() > deadline:
                raise SystemExit(f"soffice did not accept a connection within {CONNECT_SECONDS} s")
            time.sleep(0.25)


def jobs_of(args):
    """[(source, target, edits)] from 'IN OUT edit... -- IN OUT edit...'."""
    jobs, job = [], []
    for arg in args + ["--"]:
        if arg != "--":
            job.append(arg)
            continue
        if len(job) < 2:
            raise SystemExit(__doc__)
        jobs.append((job[0], job[1], job[2:]))
        job = []
    return jobs


def edit_and_save(desktop, source, target, edits):
    url = uno.systemPathToFileUrl(os.path.abspath(source))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise SystemExit(f"Calc could not open {source}")
    for edit in edits:
        place, _, text = edit.partition("=")
        sheet_name, _, cell_name = place.rpartition("!")
        if not doc.Sheets.hasByName(sheet_name):
            raise SystemExit(f"{source} has no sheet {sheet_name!r}")
        cell = doc.Sheets.getByName(sheet_name).getCellRangeByName(cell_name)
        if text:
            cell.setString(text)
        else:
            cell.clearContents(CONTENTS)
    excel = (prop("FilterName", "Calc MS Excel 2007 XML"),)
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), excel)
    doc.close(True)


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    profile, jobs = argv[0], jobs_of(argv[1:])
    pipe = f"calc-edit-{uuid.uuid4().hex}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={uno.systemPathToFileUrl(os.path.abspath(profile))}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        ctx = connect(office, pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        for source, target, edits in jobs:
            edit_and_save(desktop, source, target, edits)
        try:
            desktop.terminate()
        except Exception:  # the bridge goes away with the office: that is the shutdown itself
            pass
        office.wait(timeout=CONNECT_SECONDS)
    finally:
        # Whatever is left of the office (all of it on a failure) goes with its process group.
        try:
            os.killpg(office.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        office.wait()


if __name__ == "__main__":
    main(sys.argv[1:])
