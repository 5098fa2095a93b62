@echo off
rem Opens a data package (.tlpkg) from Explorer: imports it with every check of
rem "package import" and keeps the window open to show the result.
chcp 65001 >nul
"%~dp0township-ledger-cli.exe" package import "%~1"
echo.
pause
