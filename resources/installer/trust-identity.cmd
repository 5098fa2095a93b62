@echo off
rem Trusts another office's identity file (.tlid) from Explorer, once the user has typed the
rem fingerprint that office read out on the phone (the checks of "package trust").
chcp 65001 >nul
echo 身份文件 / identity file: %~nx1
set FP=
set /p FP=请输入对方在电话中读出的指纹 / fingerprint read out on the phone (XXXX-XXXX-XXXX-XXXX-XXXX): 
if "%FP%"=="" goto end
"%~dp0township-ledger-cli.exe" package trust "%~1" --fingerprint "%FP%"
:end
echo.
pause
