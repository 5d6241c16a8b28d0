; Included by electron-builder's NSIS installer and uninstaller (nsis.include defaults to this file).
;
; electron-builder registers the .rsreview review file type (electron-builder.yml › fileAssociations)
; with FileAssociation.nsh's APP_ASSOCIATE, in SHELL_CONTEXT: HKCU\Software\Classes for our per-user
; install (no administrator rights), HKLM\Software\Classes if installed for all users. This file
; mends what it leaves undone; `npm run verify:windows-association` runs both under Wine and reads
; the registry (docs/reviews.md).
; - Its open command is `$appExe "%1"`: the program's path, which has spaces, unquoted. Windows then
;   guesses where the program name ends (C:\…\Residency.exe first) and programs that resolve the
;   command strictly refuse it: quote it.
; - It never tells the shell that the association changed (SHChangeNotify), so Explorer shows review
;   files without their icon until it restarts.
; - Its uninstaller removes the ProgId but leaves .rsreview naming it.
; test/unit/electron-file-associations.test.ts keeps these names equal to electron-builder.yml's.

!define REVIEW_FILE_EXT "rsreview"
; electron-builder uses the association's name as its ProgId.
!define REVIEW_FILE_PROGID "Residency Scheduler review"

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\${REVIEW_FILE_PROGID}\shell\open\command" "" '"$appExe" "%1"'
  !insertmacro UPDATEFILEASSOC
!macroend

!macro customUnInstall
  Push $0
  ; Only while .rsreview still opens with this app (another program may have taken it since).
  ReadRegStr $0 SHELL_CONTEXT "Software\Classes\.${REVIEW_FILE_EXT}" ""
  ${if} $0 == "${REVIEW_FILE_PROGID}"
    DeleteRegValue SHELL_CONTEXT "Software\Classes\.${REVIEW_FILE_EXT}" ""
  ${endIf}
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.${REVIEW_FILE_EXT}\OpenWithProgids" "${REVIEW_FILE_PROGID}"
  DeleteRegKey /ifempty SHELL_CONTEXT "Software\Classes\.${REVIEW_FILE_EXT}\OpenWithProgids"
  DeleteRegKey /ifempty SHELL_CONTEXT "Software\Classes\.${REVIEW_FILE_EXT}"
  Pop $0
  !insertmacro UPDATEFILEASSOC
!macroend
