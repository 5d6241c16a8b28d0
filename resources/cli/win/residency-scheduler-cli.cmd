@echo off
rem Residency Scheduler's command line: the desktop app installed next to this file, started in
rem its command-line mode (no window). Add this folder to the PATH (or call it by its full path):
rem   residency-scheduler-cli --help                  the commands
rem   residency-scheduler-cli info program.sqlite
rem A batch file waits for the app to finish (a window program typed at the prompt would not), so
rem the output comes before the next prompt and the exit code is this script's (ERRORLEVEL). The app
rem writes to this console, or to a file or pipe when the output is redirected.
rem "--" ends Electron's own switches: every argument after it reaches the command line as typed.
setlocal
"%~dp0Residency Scheduler.exe" --cli -- %*
exit /b %ERRORLEVEL%
