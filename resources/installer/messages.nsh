; What the installer says, in Chinese (the default) and English; the installer picks the
; language of the Windows it runs on.

LangString AppName ${LANG_SIMPCHINESE} "团建台账"
LangString AppName ${LANG_ENGLISH} "Township Ledger"
LangString SecProgram ${LANG_SIMPCHINESE} "团建台账程序"
LangString SecProgram ${LANG_ENGLISH} "Township Ledger"
LangString SecSync ${LANG_SIMPCHINESE} "每天自动同步（后台，无窗口）"
LangString SecSync ${LANG_ENGLISH} "Sync every day (in the background, no window)"
LangString SyncNotScheduled ${LANG_SIMPCHINESE} "未能创建每日同步任务"
LangString SyncNotScheduled ${LANG_ENGLISH} "The daily sync task could not be created"
LangString PackageType ${LANG_SIMPCHINESE} "团建台账数据包"
LangString PackageType ${LANG_ENGLISH} "Township Ledger data package"
LangString IdentityType ${LANG_SIMPCHINESE} "团建台账单位身份文件"
LangString IdentityType ${LANG_ENGLISH} "Township Ledger office identity"
LangString AskDeleteData ${LANG_SIMPCHINESE} "是否同时删除本机的台账数据（台账、备份和设置）？$\r$\n$\r$\n选“否”则保留，以后重新安装仍可使用。"
LangString AskDeleteData ${LANG_ENGLISH} "Also delete the ledger data on this computer (ledger, backups and settings)?$\r$\n$\r$\nChoose No to keep it for a later installation."
