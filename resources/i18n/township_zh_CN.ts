<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>cli</name>
    <message>
        <location filename="../../desktop/cli.py" line="29" />
        <source>missing required arguments: {args}</source>
        <translation>缺少必需的参数：{args}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="30" />
        <source>unknown arguments: {args}</source>
        <translation>无法识别的参数：{args}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="32" />
        <source>{arg}: {value} is not one of {choices}</source>
        <translation>{arg}：{value} 不在可选范围内（{choices}）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="34" />
        <source>{arg}: {value} is not a whole number</source>
        <translation>{arg}：{value} 不是整数</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="35" />
        <source>{arg} needs a value</source>
        <translation>{arg} 需要一个值</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="50" />
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="56" />
        <source>团建台账 Township Ledger: the work ledger of rural Youth League offices.</source>
        <translation>团建台账：农村基层团组织建设工作台账。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="58" />
        <source>the ledger file (default: $TOWNSHIP_LEDGER, else the per-user data folder)</source>
        <translation>台账文件（默认：环境变量 TOWNSHIP_LEDGER，否则为用户数据文件夹）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="59" />
        <source>language of messages (default zh_CN)</source>
        <translation>提示信息的语言（默认 zh_CN）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="62" />
        <source>create a new ledger for a unit</source>
        <translation>为本单位新建台账</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="63" />
        <source>division code of the home unit, e.g. 130111200</source>
        <translation>本单位的区划代码，例如 130111200</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="64" />
        <source>name of the person keeping the ledger</source>
        <translation>填报人姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="66" />
        <source>create a demo ledger filled with synthetic data</source>
        <translation>新建一个填满模拟数据的演示台账</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="67" />
        <source>division code: a township, county, prefecture or province</source>
        <translation>区划代码：乡镇、县、地市或省</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="68" />
        <source>random seed (the same seed gives the same data)</source>
        <translation>随机种子（相同种子生成相同数据）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="69" />
        <source>operator name</source>
        <translation>填报人姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="71" />
        <source>show the ledger's scope, record counts and pending changes</source>
        <translation>显示台账范围、各类记录数和待同步的修改</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="72" />
        <source>check the ledger file's integrity</source>
        <translation>检查台账文件是否完好</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="74" />
        <source>copy the ledger to a backup file</source>
        <translation>把台账备份到文件</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="75" />
        <source>backup file or folder</source>
        <translation>备份文件或文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="77" />
        <source>replace the ledger with a backup</source>
        <translation>用备份替换当前台账</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="78" />
        <source>backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="80" />
        <source>show who changed a record, when, and what</source>
        <translation>显示一条记录的修改历史（谁、何时、改了什么）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="81" />
        <source>the record's id</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="83" />
        <source>start the program's window (the default)</source>
        <translation>打开程序窗口（默认）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="102" />
        <location filename="../../desktop/cli.py" line="252" />
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="104" />
        <location filename="../../desktop/cli.py" line="252" />
        <source>cannot use {path}: {reason}</source>
        <translation>无法使用 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="132" />
        <source>Created the ledger {path} for {unit} ({scope}).</source>
        <translation>已为{unit}（{scope}）新建台账 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="150" />
        <source>Created the demo ledger {path} for {unit} ({scope}).</source>
        <translation>已为{unit}（{scope}）新建演示台账 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="159" />
        <location filename="../../desktop/cli.py" line="252" />
        <source>the whole country</source>
        <translation>全国</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="173" />
        <source>Ledger:   {path}</source>
        <translation>台账：    {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="174" />
        <source>Scope:    {unit} ({scope})</source>
        <translation>范围：    {unit}（{scope}）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="175" />
        <source>Operator: {name}</source>
        <translation>填报人：  {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="176" />
        <source>Device:   {device}</source>
        <translation>设备编号：{device}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="177" />
        <source>Schema:   version {version}</source>
        <translation>数据版本：{version}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="178" />
        <source>Records:</source>
        <translation>记录数：</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="180" />
        <source>Pending changes (not yet synced): {n}</source>
        <translation>待同步的修改：{n}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="183" />
        <source>Open conflicts: {n}</source>
        <translation>未处理的冲突：{n}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="193" />
        <source>the ledger has {n} problems; restore it from a backup</source>
        <translation>台账有 {n} 处问题，请从备份恢复</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="194" />
        <source>The ledger is intact.</source>
        <translation>台账完好。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="201" />
        <source>Backup written to {path}.</source>
        <translation>已备份到 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="211" />
        <source>Restored {path} from {backup}; the replaced ledger was kept as {old}.</source>
        <translation>已从 {backup} 恢复 {path}；被替换的台账保存为 {old}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="225" />
        <location filename="../../desktop/cli.py" line="253" />
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="225" />
        <location filename="../../desktop/cli.py" line="253" />
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="228" />
        <location filename="../../desktop/cli.py" line="253" />
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desktop/errors.py" line="18" />
        <source>The ledger reported an error.</source>
        <translation>台账出错。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="59" />
        <source>The ledger {path} is open in another Township Ledger window or program.</source>
        <translation>台账 {path} 已在另一个团建台账窗口或程序中打开。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="63" />
        <source>The ledger {path} is damaged ({detail}). Restore it from a backup.</source>
        <translation>台账 {path} 已损坏（{detail}），请从备份恢复。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="67" />
        <source>{path} is not a Township Ledger file.</source>
        <translation>{path} 不是团建台账文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="71" />
        <source>No ledger at {path}. Create one first with: township-ledger init --scope CODE --operator NAME</source>
        <translation>{path} 处没有台账。请先新建：township-ledger init --scope 区划代码 --operator 姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="75" />
        <source>The ledger {path} was written by a newer version of the program (schema {found}, this program knows {known}). Please update the program.</source>
        <translation>台账 {path} 由更新版本的程序写入（数据版本 {found}，本程序支持到 {known}），请升级程序。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="79" />
        <source>No {kind} with id {id}.</source>
        <translation>没有编号为 {id} 的{kind}。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="83" />
        <source>Unknown record kind: {kind}.</source>
        <translation>未知的记录类型：{kind}。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="87" />
        <source>{code} lies outside this ledger's scope {scope}.</source>
        <translation>{code} 不在本台账的范围 {scope} 之内。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="118" />
        <source>The record was not saved: {details}</source>
        <translation>记录未保存：{details}</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="33" />
        <source>is not a field of this record</source>
        <translation>不是该记录的字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="34" />
        <source>cannot be changed once the record exists</source>
        <translation>记录建立后不能修改</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="37" />
        <source>unknown record kind {kind}</source>
        <extracomment>Reasons a received change is rejected (shown per change to the user).</extracomment>
        <translation>未知的记录类型 {kind}</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="38" />
        <source>unknown field {field} of {kind}</source>
        <translation>{kind} 没有字段 {field}</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="39" />
        <source>field {field} has a value of the wrong type</source>
        <translation>字段 {field} 的值类型错误</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="40" />
        <source>record scope {scope} lies outside the sender's scope {allowed}</source>
        <translation>记录所属范围 {scope} 不在发送方的范围 {allowed} 之内</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="41" />
        <source>record {id} belongs to scope {old}, not {scope}</source>
        <translation>记录 {id} 属于 {old}，不属于 {scope}</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="153" />
        <source>{path} already exists; choose another file or open it.</source>
        <translation>{path} 已存在，请另选文件或直接打开它。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="155" />
        <source>"{code}" is not a known division code.</source>
        <translation>“{code}”不是有效的区划代码。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="157" />
        <location filename="../../desktop/ledger.py" line="264" />
        <source>Enter the operator's name.</source>
        <translation>请填写填报人姓名。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="301" />
        <source>Cannot sort by {field}.</source>
        <translation>不能按 {field} 排序。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="331" />
        <source>Cannot filter by {field}.</source>
        <translation>不能按 {field} 筛选。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="369" />
        <source>The ledger is open read-only.</source>
        <translation>台账以只读方式打开。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="914" />
        <source>The backup file {path} does not exist.</source>
        <translation>备份文件 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="21" />
        <source>{code} lies outside this ledger's scope {scope}</source>
        <translation>{code} 不在本台账的范围 {scope} 之内</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="22" />
        <source>a {kind} belongs to a division of level {levels} (1 province … 5 village), not {code}</source>
        <translation>{kind}应属于第 {levels} 级区划（1 省 … 5 村），{code} 不符</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="23" />
        <source>the parent of a {kind} must be a {allowed}</source>
        <translation>{kind}的上级组织应为{allowed}</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="24" />
        <source>a {kind} has no parent organisation</source>
        <translation>{kind}没有上级组织</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="25" />
        <source>the parent organisation's division {parent} does not contain {code}</source>
        <translation>上级组织的区划 {parent} 不包含 {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="26" />
        <source>an organisation cannot be its own parent</source>
        <translation>组织不能是自己的上级</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="27" />
        <source>the referenced record {id} does not exist or was deleted</source>
        <translation>所引用的记录 {id} 不存在或已删除</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="28" />
        <source>must be a {allowed}, not a {kind}</source>
        <translation>应为{allowed}，不能是{kind}</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="29" />
        <source>there is already a {kind} for {code}</source>
        <translation>{code} 已有{kind}</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="30" />
        <source>the exit date {exited} is before the join date {joined}</source>
        <translation>退出日期 {exited} 早于加入日期 {joined}</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="31" />
        <source>an exit reason needs an exit date</source>
        <translation>填写退出原因时须填写退出日期</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="32" />
        <source>the birth date {birth} makes the member younger than {years} on joining ({joined})</source>
        <translation>按出生日期 {birth}，加入时（{joined}）不满 {years} 岁</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="33" />
        <source>{name} (born {birth}) is already a member of this committee</source>
        <translation>{name}（出生于 {birth}）已是本团委委员</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="34" />
        <source>an appraisal needs its year</source>
        <translation>填写述职考核结果时须填写年度</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="35" />
        <source>enter the budgeted or the received amount</source>
        <translation>请填写预算金额或到位金额</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="36" />
        <source>the status cannot go from "{old}" to "{new}"</source>
        <translation>状态不能从“{old}”改为“{new}”</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="37" />
        <source>only the level above ({scope} is this ledger) can verify a task of {code}</source>
        <translation>只有上级才能验收 {code} 的任务（本台账为 {scope}）</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="38" />
        <source>verified on {verified}, before it was done on {done}</source>
        <translation>验收日期 {verified} 早于完成日期 {done}</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="39" />
        <source>{value} is more than {other} ({other_label})</source>
        <translation>{value} 超过了{other_label}（{other}）</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="40" />
        <location filename="../../desktop/validation.py" line="24" />
        <source>{value} lies in the future</source>
        <translation>{value} 是将来的日期</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="41" />
        <source>the attached file's content is not in the ledger</source>
        <translation>附件内容不在台账中</translation>
    </message>
    <message>
        <location filename="../../desktop/rules.py" line="42" />
        <source>"{value}" is not a record kind</source>
        <translation>“{value}”不是记录类型</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="19" />
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="20" />
        <source>is too long ({length} characters; at most {max})</source>
        <translation>太长（{length} 个字，最多 {max} 个）</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="21" />
        <source>must be text</source>
        <translation>应为文字</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="22" />
        <source>"{value}" is not one of the allowed values ({allowed})</source>
        <translation>“{value}”不是可选值（{allowed}）</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="23" />
        <source>"{value}" is not a date; write it as 2024-03-15</source>
        <translation>“{value}”不是日期，请写成 2024-03-15</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="25" />
        <source>{value} is before 1900</source>
        <translation>{value} 早于1900年</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="26" />
        <source>"{value}" is not a month; write it as 2024-03</source>
        <translation>“{value}”不是月份，请写成 2024-03</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="27" />
        <source>"{value}" is not a year between 1949 and {max}</source>
        <translation>“{value}”不是1949至{max}年之间的年份</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="28" />
        <source>"{value}" is not a whole number</source>
        <translation>“{value}”不是整数</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="29" />
        <source>must not be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="30" />
        <source>{value} is too large</source>
        <translation>{value} 太大</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="31" />
        <source>"{value}" is not an amount in yuan (e.g. 20000 or 1234.50)</source>
        <translation>“{value}”不是以元为单位的金额（如 20000 或 1234.50）</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="32" />
        <source>"{value}" is not a phone number (11-digit mobile, or area code and number)</source>
        <translation>“{value}”不是电话号码（11位手机号，或区号加号码）</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="33" />
        <source>"{value}" is not a known division code</source>
        <translation>“{value}”不是有效的区划代码</translation>
    </message>
    <message>
        <location filename="../../desktop/validation.py" line="34" />
        <source>"{value}" does not name a record in this ledger</source>
        <translation>本台账中没有“{value}”这条记录</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <location filename="../../desktop/records.py" line="93" />
        <source>Kind</source>
        <extracomment>shown in the default table columns personal data (encrypted in data packages) field holding the division code that is the record's scope, or the REF field whose record's scope it inherits field used as the record's title in lists and history</extracomment>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="93" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="93" />
        <source>Parent organisation</source>
        <translation>上级组织</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="94" />
        <source>Division</source>
        <translation>所在区划</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="94" />
        <source>Founded on</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="94" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="95" />
        <source>Status changed on</source>
        <translation>状态变更日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="95" />
        <source>Status reason</source>
        <translation>状态变更原因</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="95" />
        <source>Demonstration level</source>
        <translation>示范级别</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="96" />
        <source>League members</source>
        <translation>团员数</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="96" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="96" />
        <source>Organisation</source>
        <translation>所属组织</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="97" />
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="97" />
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="97" />
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="98" />
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="98" />
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="98" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="99" />
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="99" />
        <source>Employment</source>
        <translation>任职方式</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="99" />
        <source>Source category</source>
        <translation>委员来源</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="100" />
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="100" />
        <source>Duty assignment</source>
        <translation>分工</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="100" />
        <source>Rotation duty</source>
        <translation>轮值</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="101" />
        <source>Joined on</source>
        <translation>任职日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="101" />
        <source>Exited on</source>
        <translation>退出日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="101" />
        <source>Exit reason</source>
        <translation>退出原因</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="102" />
        <source>Appraisal year</source>
        <translation>述职考核年度</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="102" />
        <source>Appraisal</source>
        <translation>述职考核结果</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="102" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="103" />
        <source>Budgeted (yuan)</source>
        <translation>预算金额（元）</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="103" />
        <source>Received (yuan)</source>
        <translation>到位金额（元）</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="103" />
        <source>Funding source</source>
        <translation>经费来源</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="104" />
        <source>Received on</source>
        <translation>到位日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="104" />
        <source>Document number</source>
        <translation>文件编号</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="104" />
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="105" />
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="105" />
        <source>System</source>
        <translation>体系</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="105" />
        <source>Item number</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="105" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="106" />
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="106" />
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="106" />
        <source>Issued by</source>
        <translation>下发单位</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="107" />
        <source>Template kind</source>
        <translation>表单类别</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="107" />
        <source>Reference task</source>
        <translation>对应参考任务</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="107" />
        <source>Problem found</source>
        <translation>查摆问题</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="108" />
        <source>Rectification measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="108" />
        <source>Person responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="108" />
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="109" />
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="109" />
        <source>Verified on</source>
        <translation>验收日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="109" />
        <source>Verified by</source>
        <translation>验收人</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="110" />
        <source>Held on</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="110" />
        <source>Attendance</source>
        <translation>参加人数</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="110" />
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="110" />
        <source>Summary</source>
        <translation>内容摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="111" />
        <source>Group members</source>
        <translation>群成员数</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="111" />
        <source>League members in group</source>
        <translation>其中团员数</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="111" />
        <source>Young people reached</source>
        <translation>联系团员青年数</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="112" />
        <source>Created on</source>
        <translation>建群日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="112" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="112" />
        <source>Shared with</source>
        <translation>共享单位</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="112" />
        <source>Opened on</source>
        <translation>启用日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="113" />
        <source>Published on</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="113" />
        <source>Channel</source>
        <translation>发布渠道</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="113" />
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="113" />
        <source>Unit</source>
        <translation>填报单位</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="114" />
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="114" />
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="114" />
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="114" />
        <source>Reported by</source>
        <translation>填报人</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="115" />
        <source>Reported on</source>
        <translation>填报日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="115" />
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="115" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="115" />
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="116" />
        <source>Content hash</source>
        <translation>内容校验值</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="116" />
        <source>Size (bytes)</source>
        <translation>大小（字节）</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="116" />
        <source>Media type</source>
        <translation>文件类型</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="117" />
        <source>Added on</source>
        <translation>添加日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="117" />
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
</context>
<context>
    <name>kinds</name>
    <message>
        <location filename="../../desktop/records.py" line="120" />
        <source>League organisation</source>
        <translation>团组织</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="120" />
        <source>Committee member</source>
        <translation>团委委员</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="120" />
        <source>Funding entry</source>
        <translation>工作经费</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="121" />
        <source>Checklist template item</source>
        <translation>参考表条目</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="121" />
        <source>Checklist task</source>
        <translation>对标整改任务</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="121" />
        <source>Meeting or activity</source>
        <translation>会议活动</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="122" />
        <source>WeChat group</source>
        <translation>团青微信群</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="122" />
        <source>Venue</source>
        <translation>阵地</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="122" />
        <source>Publicity item</source>
        <translation>宣传信息</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="123" />
        <source>Reported figure</source>
        <translation>上报数据</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="123" />
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
</context>
</TS>