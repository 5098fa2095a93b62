; Installer of Township Ledger (团建台账) for Windows, built by `bash .ci/build --windows`:
;   makensis -DVERSION=0.1.0 -DDIST=<one-folder build> -DOUTFILE=<installer.exe> township-ledger.nsi
;
; Per user, no administrator rights: the program goes to %LOCALAPPDATA%\Programs\TownshipLedger,
; shortcuts, file types (.tlpkg, .tlid) and the uninstaller's entry to HKCU.  The ledger lives
; elsewhere (%LOCALAPPDATA%\TownshipLedger, desktop/paths.py), so an upgrade in place never
; touches it, and the uninstaller deletes it only when the user asks.  Silent use:
;   团建台账-安装-X.exe /S [/SYNC] [/D=folder]      uninstall.exe /S [/DELETEDATA]

Unicode true
; 64-bit like the program: it runs on every PC the program runs on, and under Wine's wine64.
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is not defined: makensis -DVERSION=X.Y.Z"
!endif
!ifndef DIST
  !error "DIST (the one-folder build) is not defined"
!endif
!ifndef OUTFILE
  !define OUTFILE "township-ledger-setup-${VERSION}.exe"
!endif

!define APP_ID "TownshipLedger"
!define EXE "township-ledger.exe"
!define CLI "township-ledger-cli.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define CLASSES "Software\Classes"
; Background sync through Task Scheduler: the program without a console, once a day.
!define TASK "${APP_ID}\DailySync"
; Shortcut names are Chinese whatever the installer's language: the program's own name.
!define SHORTCUT "团建台账"
!define SHORTCUT_UNINSTALL "卸载团建台账"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

Name "$(AppName)"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "Software\${APP_ID}" "InstallDir"
BrandingText "$(AppName) ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "Township Ledger"
VIAddVersionKey /LANG=0 "FileDescription" "Township Ledger installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Township Ledger"

!define MUI_ICON "${DIST}\_internal\resources\icons\app.ico"
!define MUI_UNICON "${DIST}\_internal\resources\icons\app.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

!include "messages.nsh"

Section "$(SecProgram)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program whole (no file of the old version stays behind); the data
  ; folder of portable mode ($INSTDIR\data) and the ledger elsewhere are left alone.
  RMDir /r "$INSTDIR\_internal"
  File /r "${DIST}\*"
  File "open-package.cmd"
  File "trust-identity.cmd"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\${APP_ID}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "Software\${APP_ID}" "Version" "${VERSION}"

  CreateDirectory "$SMPROGRAMS\${SHORTCUT}"
  CreateShortCut "$SMPROGRAMS\${SHORTCUT}\${SHORTCUT}.lnk" "$INSTDIR\${EXE}"
  CreateShortCut "$SMPROGRAMS\${SHORTCUT}\${SHORTCUT_UNINSTALL}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\${SHORTCUT}.lnk" "$INSTDIR\${EXE}"

  ; Data packages (.tlpkg): a double-click imports one, with every check of `package import`,
  ; in a console window that stays open to show the result.  Identity files (.tlid): trusted
  ; after the user types the fingerprint read out on the phone.
  WriteRegStr HKCU "${CLASSES}\.tlpkg" "" "${APP_ID}.Package"
  WriteRegStr HKCU "${CLASSES}\${APP_ID}.Package" "" "$(PackageType)"
  WriteRegStr HKCU "${CLASSES}\${APP_ID}.Package\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${CLASSES}\${APP_ID}.Package\shell\open\command" "" '"$INSTDIR\open-package.cmd" "%1"'
  WriteRegStr HKCU "${CLASSES}\.tlid" "" "${APP_ID}.Identity"
  WriteRegStr HKCU "${CLASSES}\${APP_ID}.Identity" "" "$(IdentityType)"
  WriteRegStr HKCU "${CLASSES}\${APP_ID}.Identity\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${CLASSES}\${APP_ID}.Identity\shell\open\command" "" '"$INSTDIR\trust-identity.cmd" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "$(AppName)"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "$(AppName)"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "$(SecSync)" SecSync
  ; A task of the current user (no /RU): created without administrator rights.
  nsExec::ExecToLog 'schtasks /Create /F /SC DAILY /ST 12:30 /TN "${TASK}" /TR "\"$INSTDIR\${EXE}\" sync"'
  Pop $0
  ${If} $0 != 0
    DetailPrint "$(SyncNotScheduled) ($0)"
  ${EndIf}
SectionEnd

Function .onInit
  ; /SYNC on a silent install chooses the daily background sync
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/SYNC" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecSync} ${SF_SELECTED}
  ${EndIf}
FunctionEnd

Function .onInstSuccess
  ; An upgrade without the daily sync chosen removes an earlier task.
  ${IfNot} ${SectionIsSelected} ${SecSync}
    nsExec::Exec 'schtasks /Delete /F /TN "${TASK}"'
    Pop $0
  ${EndIf}
FunctionEnd

Section "un.$(SecProgram)"
  nsExec::Exec 'schtasks /Delete /F /TN "${TASK}"'
  Pop $0
  Delete "$DESKTOP\${SHORTCUT}.lnk"
  RMDir /r "$SMPROGRAMS\${SHORTCUT}"
  DeleteRegKey HKCU "${CLASSES}\${APP_ID}.Package"
  DeleteRegKey HKCU "${CLASSES}\${APP_ID}.Identity"
  DeleteRegKey /IfEmpty HKCU "${CLASSES}\.tlpkg"
  DeleteRegKey /IfEmpty HKCU "${CLASSES}\.tlid"
  ReadRegStr $0 HKCU "${CLASSES}\.tlpkg" ""
  ${If} $0 == "${APP_ID}.Package"
    DeleteRegKey HKCU "${CLASSES}\.tlpkg"
  ${EndIf}
  ReadRegStr $0 HKCU "${CLASSES}\.tlid" ""
  ${If} $0 == "${APP_ID}.Identity"
    DeleteRegKey HKCU "${CLASSES}\.tlid"
  ${EndIf}
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP_ID}"

  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI}"
  Delete "$INSTDIR\open-package.cmd"
  Delete "$INSTDIR\trust-identity.cmd"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only when empty: a portable data\ folder stays

  ; The ledger stays unless the user asks (silently: /DELETEDATA).
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  ${If} ${Errors}
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "$(AskDeleteData)" /SD IDNO IDYES delete_data
    Goto keep_data
  ${EndIf}
  delete_data:
    RMDir /r "$LOCALAPPDATA\${APP_ID}"
  keep_data:
SectionEnd
