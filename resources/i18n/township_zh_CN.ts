<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="38" />
        <location filename="../../ui/app.py" line="76" />
        <source>Township Ledger</source>
        <translation>团建台账</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="38" />
        <source>Something went wrong inside the program. Your data is safe; the last action may not have been saved. Details were written to {path}.</source>
        <translation>程序内部出错。您的数据是安全的，最后一步操作可能没有保存。详细信息已写入 {path}。</translation>
    </message>
</context>
<context>
    <name>AttachmentModel</name>
    <message>
        <location filename="../../ui/checklist.py" line="100" />
        <source>File name</source>
        <extracomment>Table columns, in order. Files above this size are read and written in a worker thread. Files above this size are refused: the ledger travels on USB sticks and in sync batches. Checklist level and committee kind per division level (3 county, 4 township).</extracomment>
        <translation>文件名</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="100" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="100" />
        <source>Added on</source>
        <translation>添加日期</translation>
    </message>
</context>
<context>
    <name>ChecklistView</name>
    <message>
        <location filename="../../ui/checklist.py" line="184" />
        <source>Generate tasks from the reference table</source>
        <translation>按参考表生成任务</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="186" />
        <source>New task</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="187" />
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="188" />
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="189" />
        <source>Start</source>
        <translation>开始整改</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="190" />
        <source>Rectification has begun: status "in progress".</source>
        <translation>整改已开始：状态改为“整改中”。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="191" />
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="192" />
        <source>Rectification is finished: status "done", done on today.</source>
        <translation>整改已完成：状态改为“已完成”，完成日期为今天。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="193" />
        <source>Verify</source>
        <translation>验收</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="194" />
        <source>Reopen</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="195" />
        <source>Take the task one step back in the workflow.</source>
        <translation>将任务退回到上一步状态。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="230" />
        <source>All systems</source>
        <translation>全部体系</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="262" />
        <location filename="../../ui/checklist.py" line="624" />
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="277" />
        <source>Attach file…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="278" />
        <location filename="../../ui/checklist.py" line="728" />
        <location filename="../../ui/checklist.py" line="740" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="279" />
        <location filename="../../ui/checklist.py" line="748" />
        <location filename="../../ui/checklist.py" line="757" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="339" />
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="344" />
        <source>Choose a township (or a county) to generate its tasks.</source>
        <translation>请先选择一个乡镇（或县）再生成任务。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="346" />
        <source>Create one task per item of the reference table that this unit does not have yet.</source>
        <translation>为本单位尚未建立的每个参考表事项各生成一项任务。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="377" />
        <source>{system}: done {done} / {total}</source>
        <translation>{system}：已完成 {done} / {total}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="381" />
        <source>{system}: {total} tasks, {done} done, {verified} verified by the level above, {overdue} overdue</source>
        <translation>{system}：共 {total} 项，已完成 {done} 项，上级已验收 {verified} 项，逾期 {overdue} 项</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/checklist.py" line="386" />
        <source>%n task(s) overdue</source>
        <translation>
            <numerusform>%n 项任务已逾期</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="396" />
        <source>No tasks yet.</source>
        <translation>暂无任务。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="398" />
        <source>Generate them from the reference table, or add one with "New task".</source>
        <translation>可按参考表生成，或点击“新建任务”添加。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="403" />
        <source>The checklist could not be loaded.</source>
        <translation>无法加载对标整改台账。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="466" />
        <source>Only the level above can verify this task.</source>
        <translation>只有上级才能验收此任务。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="468" />
        <source>A task can be verified once it is done.</source>
        <translation>任务完成后才能验收。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="470" />
        <source>Confirm, as the level above, that the rectification is done.</source>
        <translation>以上级身份确认整改已完成。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="502" />
        <source>The ledger has no {committee} for {unit} yet. Add it among the organisations first.</source>
        <translation>台账中还没有{unit}的{committee}，请先在团组织中添加。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="511" />
        <source>Every task of the reference table is already there.</source>
        <translation>参考表中的任务均已生成。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="519" />
        <source>generate checklist tasks</source>
        <translation>生成对标整改任务</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/checklist.py" line="524" />
        <source>%n task(s) created from the reference table.</source>
        <translation>
            <numerusform>已按参考表生成 %n 项任务。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="538" />
        <source>new checklist task</source>
        <translation>新建对标整改任务</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="554" />
        <source>edit checklist task</source>
        <translation>编辑对标整改任务</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="591" />
        <source>start task</source>
        <translation>开始整改任务</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="591" />
        <source>mark task done</source>
        <translation>标记任务完成</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="592" />
        <source>verify task</source>
        <translation>验收任务</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="592" />
        <source>reopen task</source>
        <translation>退回任务</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="601" />
        <source>Checklist</source>
        <translation>对标整改</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/checklist.py" line="622" />
        <source>Evidence (%n file(s))</source>
        <translation>
            <numerusform>佐证材料（%n 个文件）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="636" />
        <source>Attach evidence</source>
        <translation>添加佐证材料</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="636" />
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="643" />
        <location filename="../../ui/checklist.py" line="647" />
        <location filename="../../ui/checklist.py" line="656" />
        <location filename="../../ui/checklist.py" line="677" />
        <location filename="../../ui/checklist.py" line="688" />
        <source>Attach file</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="644" />
        <location filename="../../ui/checklist.py" line="657" />
        <location filename="../../ui/checklist.py" line="678" />
        <source>{file} cannot be read: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="648" />
        <source>{file} is {size}. Files over {limit} cannot be attached: the ledger travels on USB sticks and over slow connections. Attach a smaller copy (for example compressed photos or a PDF).</source>
        <translation>{file} 大小为 {size}。超过 {limit} 的文件不能作为附件：台账要通过U盘和较慢的网络传递。请附加较小的副本（例如压缩后的照片或 PDF）。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="663" />
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="693" />
        <source>attach {file}</source>
        <translation>添加附件 {file}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="722" />
        <source>Opening {file}…</source>
        <translation>正在打开 {file}…</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="729" />
        <source>No program on this computer opens {file}. It was saved as {path}.</source>
        <translation>本机没有能打开 {file} 的程序。文件已保存为 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="741" />
        <source>{file} could not be opened: {reason}</source>
        <translation>无法打开 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="749" />
        <source>Remove {file} from the task's evidence? You can undo this with Ctrl+Z.</source>
        <translation>从该任务的佐证材料中移除 {file}？可按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="762" />
        <source>remove {file}</source>
        <translation>移除附件 {file}</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <location filename="../../ui/history.py" line="242" />
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="242" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="242" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="242" />
        <source>Value that lost</source>
        <translation>被覆盖的值</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="243" />
        <source>Value that won</source>
        <translation>生效的值</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="243" />
        <source>Detected at</source>
        <translation>发现时间</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../ui/history.py" line="287" />
        <source>Conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="288" />
        <source>The same field was changed here and elsewhere before the two met. The later change won; the value it replaced is kept below. Take it back, or keep the current value.</source>
        <translation>同一字段在本机和别处都被修改过，同步时较晚的修改生效，被替换的值保留在下面。可以恢复它，也可以保留当前值。</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="304" />
        <source>No conflicts: every change merged cleanly.</source>
        <translation>没有冲突：所有修改均已顺利合并。</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="312" />
        <source>Take back my value</source>
        <translation>恢复我的值</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="314" />
        <source>Write the value that lost back into the record (it travels with the next sync).</source>
        <translation>把被覆盖的值写回记录（随下次同步上传）。</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="317" />
        <source>Keep the current value</source>
        <translation>保留当前值</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="319" />
        <source>Leave the record as it is and dismiss the conflict.</source>
        <translation>记录保持不变，并关闭此冲突。</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="321" />
        <source>History…</source>
        <translation>历史记录…</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="363" />
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="382" />
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="382" />
        <source>not deleted</source>
        <translation>未删除</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../ui/dashboard.py" line="325" />
        <source>The figures could not be computed.</source>
        <extracomment>Cards in this many columns (two rows of five fit a 1366-pixel screen beside the unit tree). the figures on screen (code, name, value) of the chosen figure per unit below, as drawn</extracomment>
        <translation>无法计算统计数据。</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="331" />
        <source>Loading…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="340" />
        <source>{percent}%</source>
        <translation>{percent}%</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="345" />
        <source>All of China</source>
        <translation>全国</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dashboard.py" line="358" />
        <source>{percent} of %Ln township(s)</source>
        <translation>
            <numerusform>占%Ln个乡镇的{percent}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="361" />
        <location filename="../../ui/dashboard.py" line="422" />
        <source>Committee members</source>
        <translation>团委委员</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="362" />
        <source>{added} joined, {exited} left this month</source>
        <translation>本月新增{added}人，退出{exited}人</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="364" />
        <source>Township committees</source>
        <translation>乡镇团委</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="365" />
        <source>Funding of 20,000 yuan secured</source>
        <translation>落实2万元工作经费</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="367" />
        <source>Mobilisation meeting held</source>
        <translation>已召开动员会</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="369" />
        <source>Summary-and-review meeting held</source>
        <translation>已召开总结述评会</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="373" />
        <source>Checklist tasks done</source>
        <translation>已完成整改任务</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dashboard.py" line="374" />
        <source>{percent} of %Ln task(s); {verified} verified</source>
        <translation>
            <numerusform>占%Ln项任务的{percent}；已验收{verified}项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="377" />
        <source>Directly affiliated organisations</source>
        <translation>直属团组织</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="378" />
        <source>{new} new this month; {revoked} revoked; {rectifying} under rectification</source>
        <translation>本月新建{new}个；已撤销{revoked}个；整顿中{rectifying}个</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="381" />
        <source>Co-operative working committees</source>
        <translation>农村合作组织团工委</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dashboard.py" line="383" />
        <source>{percent} of %Ln county committee(s)</source>
        <translation>
            <numerusform>占%Ln个团县委的{percent}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="384" />
        <source>WeChat groups</source>
        <translation>团青微信群</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="385" />
        <source>Young people reached</source>
        <translation>联系团员青年</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="386" />
        <source>through WeChat groups</source>
        <translation>通过团青微信群</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="419" />
        <source>Committee members by source</source>
        <translation>团委委员来源构成</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="438" />
        <source>Checklist progress by system</source>
        <translation>各体系对标整改进度</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="443" />
        <source>Verified</source>
        <translation>已验收</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="444" />
        <source>Done, not yet verified</source>
        <translation>已完成待验收</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="445" />
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dashboard.py" line="464" />
        <source>{system}: %Ln task(s), {done} done, {verified} verified</source>
        <translation>
            <numerusform>{system}：共%Ln项任务，已完成{done}项，已验收{verified}项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="471" />
        <source>Provinces</source>
        <translation>各省（区、市）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="471" />
        <source>Prefectures</source>
        <translation>各地市</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="471" />
        <source>Counties</source>
        <translation>各县（市、区）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="472" />
        <source>Townships</source>
        <translation>各乡镇</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="472" />
        <source>This township</source>
        <translation>本乡镇</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="485" />
        <source>{level}: none with a township committee in the ledger</source>
        <translation>{level}：台账中没有乡镇团委</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="487" />
        <source>{level}: {figure}</source>
        <translation>{level}：{figure}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="523" />
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="524" />
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="525" />
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="526" />
        <source>&amp;By unit</source>
        <translation>下级单位(&amp;B)</translation>
    </message>
</context>
<context>
    <name>DemoPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="631" />
        <source>Choose a county: the demo covers one county.</source>
        <translation>请选择一个县：演示台账包含一个县的数据。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="635" />
        <source>This county has no rural townships. Choose another county.</source>
        <translation>这个县没有农村乡镇，请另选一个县。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="638" />
        <source>Made-up data for the rural townships of this county ({n}): league organisations, committee members, funding, meetings and more. The demo ledger is saved as {path} and replaces an earlier demo there.</source>
        <translation>将为该县 {n} 个农村乡镇生成模拟数据：团组织、团委委员、工作经费、会议等。演示台账保存为 {path}，会替换之前的演示台账。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="650" />
        <source>Preparing the demo ledger…</source>
        <translation>正在准备演示台账…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="651" />
        <source>Building the demo ledger: township {done} of {total}…</source>
        <translation>正在生成演示台账：第 {done} / {total} 个乡镇…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="652" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="653" />
        <source>Cancelled. No demo ledger was kept.</source>
        <translation>已取消，未保留演示台账。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="670" />
        <source>Demo user</source>
        <translation>演示用户</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="720" />
        <source>Demo ledger</source>
        <translation>演示台账</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="721" />
        <source>Choose a county. Its demo ledger is filled with made-up data to try things out.</source>
        <translation>请选择一个县，程序为它生成一本填有模拟数据的演示台账，供您试用。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="722" />
        <source>B&amp;uild the demo</source>
        <translation>生成演示台账(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="723" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>DivisionPicker</name>
    <message>
        <location filename="../../ui/wizard.py" line="196" />
        <source> (urban street)</source>
        <extracomment>The county the demo offers first: 河北省石家庄市栾城区. Languages offered, each named in its own language (never translated).</extracomment>
        <translation>（城市街道）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="198" />
        <source> (other unit)</source>
        <translation>（其他）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="269" />
        <source>province level</source>
        <translation>省级</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="271" />
        <source>prefecture level</source>
        <translation>地市级</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="273" />
        <source>county level</source>
        <translation>县级</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="276" />
        <source>rural township (乡)</source>
        <translation>农村乡镇（乡）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="277" />
        <source>rural town (镇)</source>
        <translation>农村乡镇（镇）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="278" />
        <source>urban street (街道), not a rural township</source>
        <translation>城市街道，不属于农村乡镇</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="279" />
        <source>township-level unit, not a rural township</source>
        <translation>乡级单位，不属于农村乡镇</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="285" />
        <source>“{text}” is not in the list.</source>
        <translation>列表中没有“{text}”。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="286" />
        <source>Pick a name from the list, or clear the field.</source>
        <translation>请从列表中选择，或清空此栏。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="292" />
        <source>No unit chosen yet.</source>
        <translation>尚未选择单位。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="296" />
        <source>Division code {code} · {level}</source>
        <translation>区划代码 {code} · {level}</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="300" />
        <source>&amp;Province</source>
        <translation>省（区、市）(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="300" />
        <source>P&amp;refecture</source>
        <translation>地市（州、盟）(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="301" />
        <source>&amp;County</source>
        <translation>县（市、区、旗）(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="301" />
        <source>&amp;Township</source>
        <translation>乡镇（街道）(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="305" />
        <source>Leave empty for a county office, or type to search</source>
        <translation>县级团委请留空；乡镇请输入名称查找</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="307" />
        <source>Type part of the name, or pick from the list</source>
        <translation>输入名称中的几个字查找，或从列表中选择</translation>
    </message>
</context>
<context>
    <name>FieldWidget</name>
    <message>
        <location filename="../../ui/forms.py" line="138" />
        <source>yuan, e.g. 20000.00</source>
        <translation>单位：元，如 20000.00</translation>
    </message>
    <message>
        <location filename="../../ui/forms.py" line="145" />
        <source>11-digit mobile or 0311-85123456</source>
        <translation>11位手机号，或 0311-85123456</translation>
    </message>
</context>
<context>
    <name>FirstStartWizard</name>
    <message>
        <location filename="../../ui/wizard.py" line="762" />
        <source>Township Ledger — first start</source>
        <translation>团建台账 — 首次使用</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="764" />
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="765" />
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="766" />
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="767" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="808" />
        <source>The file {path} could not be written: {reason}</source>
        <translation>无法写入文件 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="810" />
        <source>Something went wrong ({error}). Please tell the person who looks after this program.</source>
        <translation>程序出错了（{error}）。请告诉负责维护本程序的人员。</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../ui/history.py" line="135" />
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="182" />
        <source>{kind}: {title}</source>
        <translation>{kind}：{title}</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="184" />
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="186" />
        <source>History of {title}</source>
        <translation>{title}的历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="203" />
        <source>(built in)</source>
        <translation>（内置）</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="206" />
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="211" />
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="211" />
        <source>Restored</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../ui/history.py" line="91" />
        <source>Time</source>
        <extracomment>rows of the same change share a group number (shaded alike) the row tells of the record itself (created, deleted, restored), not of a field</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="91" />
        <source>Author</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="91" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="91" />
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="92" />
        <source>New value</source>
        <translation>新值</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="52" />
        <location filename="../../ui/main_window.py" line="264" />
        <source>Overview</source>
        <extracomment>The record sections, in the order of the tabs (the checklist has a view of its own).</extracomment>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="58" />
        <location filename="../../ui/main_window.py" line="270" />
        <source>Benchmarking checklist</source>
        <translation>对标整改</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="101" />
        <source>All of China</source>
        <translation>全国</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="102" />
        <source>Ledger: {unit}</source>
        <translation>台账：{unit}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="103" />
        <source>Operator: {name}</source>
        <translation>填报人：  {name}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104" />
        <source>Unsynced changes: {n}</source>
        <translation>待同步修改：{n}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106" />
        <source>Last sync: {when}</source>
        <translation>上次同步：{when}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106" />
        <source>never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="109" />
        <source>Township Ledger — {path}</source>
        <translation>团建台账 — {path}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="114" />
        <source>&amp;Open ledger…</source>
        <translation>打开台账(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="115" />
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="119" />
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="121" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="122" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="124" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="130" />
        <source>&amp;New record</source>
        <translation>新建记录(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="131" />
        <source>&amp;Filter</source>
        <translation>筛选(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="132" />
        <source>Record &amp;history</source>
        <translation>修改历史(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="134" />
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="135" />
        <source>&amp;Conflicts…</source>
        <translation>冲突处理(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="136" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139" />
        <source>&amp;About Township Ledger</source>
        <translation>关于团建台账(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="239" />
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="275" />
        <source>Open ledger</source>
        <translation>打开台账</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="276" />
        <source>Ledger files (*.sqlite);;All files (*)</source>
        <translation>台账文件 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="282" />
        <source>Back up to folder</source>
        <translation>备份到文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="291" />
        <source>Backup written to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295" />
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295" />
        <source>The backup failed: {reason}</source>
        <translation>备份失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="300" />
        <source>About Township Ledger</source>
        <translation>关于团建台账</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="301" />
        <source>&lt;b&gt;Township Ledger&lt;/b&gt; (团建台账)&lt;br&gt;The work ledger of rural Youth League offices.&lt;br&gt;Schema version {version}. Division data: National Bureau of Statistics, 2023.</source>
        <translation>&lt;b&gt;团建台账&lt;/b&gt;&lt;br&gt;农村基层团组织建设工作台账。&lt;br&gt;数据版本 {version}。区划数据：国家统计局，2023年。</translation>
    </message>
</context>
<context>
    <name>OperatorPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="485" />
        <source>Ledger of {unit} ({code})</source>
        <translation>{unit}的台账（{code}）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="499" />
        <source>Save the new ledger as</source>
        <translation>新台账另存为</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="500" />
        <source>Ledger files (*.sqlite)</source>
        <translation>台账文件 (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="537" />
        <location filename="../../ui/wizard.py" line="561" />
        <source>Creating the ledger…</source>
        <translation>正在创建台账…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="553" />
        <source>Operator and ledger file</source>
        <translation>填报人和台账文件</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="554" />
        <source>Who keeps the ledger, and where it is saved on this computer.</source>
        <translation>由谁填报台账，台账保存在这台电脑的什么位置。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="555" />
        <source>&amp;Create the ledger</source>
        <translation>创建台账(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="556" />
        <source>&amp;Operator name</source>
        <translation>填报人姓名(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="557" />
        <source>Your name, e.g. 张三</source>
        <translation>您的姓名，例如 张三</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="558" />
        <source>Required. It is recorded with every change you make.</source>
        <translation>必填。您的每一处修改都会记下填报人。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="559" />
        <source>Ledger &amp;file</source>
        <translation>台账文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="560" />
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../ui/forms.py" line="209" />
        <source>New {kind}</source>
        <translation>新建{kind}</translation>
    </message>
    <message>
        <location filename="../../ui/forms.py" line="209" />
        <source>Edit {kind}</source>
        <translation>编辑{kind}</translation>
    </message>
    <message>
        <location filename="../../ui/forms.py" line="240" />
        <source>Fields marked * are required.</source>
        <translation>带 * 的为必填项。</translation>
    </message>
    <message>
        <location filename="../../ui/forms.py" line="254" />
        <source>The record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
</context>
<context>
    <name>RecordSection</name>
    <message>
        <location filename="../../ui/sections.py" line="56" />
        <source>Filter (name, phone, title…)  Ctrl+F</source>
        <translation>筛选（姓名、电话、标题…） Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="69" />
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="70" />
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="71" />
        <location filename="../../ui/sections.py" line="204" />
        <location filename="../../ui/sections.py" line="214" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="72" />
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="73" />
        <source>Columns</source>
        <translation>显示列</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sections.py" line="120" />
        <source>%n record(s)</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="123" />
        <source>The list could not be loaded.</source>
        <translation>列表加载失败。</translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="178" />
        <source>new {kind}</source>
        <translation>新建{kind}</translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="195" />
        <source>edit {kind}</source>
        <translation>编辑{kind}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sections.py" line="205" />
        <source>Delete %n record(s)? You can undo this with Ctrl+Z.</source>
        <translation>
            <numerusform>删除这 %n 条记录？可以用 Ctrl+Z 撤销。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="209" />
        <source>delete {kind}</source>
        <translation>删除{kind}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="115" />
        <source>Settings</source>
        <extracomment>How many daily backups of a ledger are kept in the backup folder.</extracomment>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="136" />
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="146" />
        <source>Back up &amp;automatically every day</source>
        <translation>每天自动备份(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="149" />
        <source>Back up &amp;now</source>
        <translation>立即备份(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="159" />
        <source>Last automatic backup: {day}</source>
        <translation>上次自动备份：{day}</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="161" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="163" />
        <source>Hub: not enrolled</source>
        <translation>汇总端：尚未接入</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="171" />
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="177" />
        <source>The language takes effect when you press OK.</source>
        <translation>按“确定”后切换语言。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="181" />
        <source>&amp;Operator name</source>
        <translation>填报人姓名(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="186" />
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="192" />
        <source>Backup &amp;folder</source>
        <translation>备份文件夹(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="197" />
        <source>The newest {n} backups of this ledger are kept; older ones are deleted.</source>
        <translation>本台账保留最近 {n} 份备份，更早的会自动删除。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="226" />
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="234" />
        <source>{path} is a file, not a folder. Choose a folder.</source>
        <translation>{path} 是一个文件，不是文件夹，请选择文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="248" />
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="260" />
        <source>Backed up to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="272" />
        <source>The backup could not be written: {reason}</source>
        <translation>无法写入备份：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="274" />
        <source>The backup failed ({error}).</source>
        <translation>备份失败（{error}）。</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <location filename="../../ui/undo.py" line="15" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="15" />
        <source>This step cannot be undone or redone: {reason}</source>
        <translation>这一步无法撤销或重做：{reason}</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="416" />
        <source>Your unit</source>
        <translation>本单位</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="418" />
        <source>Choose your unit level by level; type part of a name to search. A county office stops at the county and leaves the township empty.</source>
        <translation>请逐级选择本单位，可输入名称中的几个字查找。县级团委选到县即可，乡镇一栏留空。</translation>
    </message>
</context>
<context>
    <name>UnitTreeModel</name>
    <message>
        <location filename="../../ui/models.py" line="200" />
        <source>All of China</source>
        <translation>全国</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/wizard.py" line="384" />
        <source>Welcome to Township Ledger</source>
        <translation>欢迎使用团建台账</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="385" />
        <source>The work ledger of your Youth League office, kept on this computer.</source>
        <translation>本单位团组织的工作台账，保存在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="386" />
        <source>What would you like to do?</source>
        <translation>您想做什么？</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="387" />
        <source>Create the ledger of my unit</source>
        <translation>创建本单位的台账</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="389" />
        <source>Choose your unit and enter your name. You start with an empty ledger.</source>
        <translation>选择本单位并填写您的姓名，从一本空台账开始。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="390" />
        <source>Open a demo ledger to try things out</source>
        <translation>打开演示台账，先试一试</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="392" />
        <source>A separate ledger filled with made-up data for one county. Your own ledger is not touched.</source>
        <translation>一本单独的台账，填有一个县的模拟数据，不会改动您自己的台账。</translation>
    </message>
</context>
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
        <location filename="../../desktop/cli.py" line="254" />
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="106" />
        <location filename="../../desktop/cli.py" line="254" />
        <source>cannot use {path}: {reason}</source>
        <translation>无法使用 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="134" />
        <source>Created the ledger {path} for {unit} ({scope}).</source>
        <translation>已为{unit}（{scope}）新建台账 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="152" />
        <source>Created the demo ledger {path} for {unit} ({scope}).</source>
        <translation>已为{unit}（{scope}）新建演示台账 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="161" />
        <location filename="../../desktop/cli.py" line="254" />
        <source>the whole country</source>
        <translation>全国</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="175" />
        <source>Ledger:   {path}</source>
        <translation>台账：    {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="176" />
        <source>Scope:    {unit} ({scope})</source>
        <translation>范围：    {unit}（{scope}）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="177" />
        <source>Operator: {name}</source>
        <translation>填报人：  {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="178" />
        <source>Device:   {device}</source>
        <translation>设备编号：{device}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="179" />
        <source>Schema:   version {version}</source>
        <translation>数据版本：{version}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="180" />
        <source>Records:</source>
        <translation>记录数：</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="182" />
        <source>Pending changes (not yet synced): {n}</source>
        <translation>待同步的修改：{n}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="185" />
        <source>Open conflicts: {n}</source>
        <translation>未处理的冲突：{n}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="195" />
        <source>the ledger has {n} problems; restore it from a backup</source>
        <translation>台账有 {n} 处问题，请从备份恢复</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="196" />
        <source>The ledger is intact.</source>
        <translation>台账完好。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="203" />
        <source>Backup written to {path}.</source>
        <translation>已备份到 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="213" />
        <source>Restored {path} from {backup}; the replaced ledger was kept as {old}.</source>
        <translation>已从 {backup} 恢复 {path}；被替换的台账保存为 {old}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="227" />
        <location filename="../../desktop/cli.py" line="255" />
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="227" />
        <location filename="../../desktop/cli.py" line="255" />
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="230" />
        <location filename="../../desktop/cli.py" line="255" />
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
        <location filename="../../desktop/errors.py" line="61" />
        <source>The ledger {path} is open in another Township Ledger window or program.</source>
        <translation>台账 {path} 已在另一个团建台账窗口或程序中打开。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="65" />
        <source>The ledger {path} is damaged ({detail}). Restore it from a backup.</source>
        <translation>台账 {path} 已损坏（{detail}），请从备份恢复。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="69" />
        <source>{path} is not a Township Ledger file.</source>
        <translation>{path} 不是团建台账文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="73" />
        <source>No ledger at {path}. Create one first with: township-ledger init --scope CODE --operator NAME</source>
        <translation>{path} 处没有台账。请先新建：township-ledger init --scope 区划代码 --operator 姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="77" />
        <source>The ledger {path} was written by a newer version of the program (schema {found}, this program knows {known}). Please update the program.</source>
        <translation>台账 {path} 由更新版本的程序写入（数据版本 {found}，本程序支持到 {known}），请升级程序。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="81" />
        <source>No {kind} with id {id}.</source>
        <translation>没有编号为 {id} 的{kind}。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="85" />
        <source>Unknown record kind: {kind}.</source>
        <translation>未知的记录类型：{kind}。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="89" />
        <source>{code} lies outside this ledger's scope {scope}.</source>
        <translation>{code} 不在本台账的范围 {scope} 之内。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="120" />
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
        <location filename="../../desktop/ledger.py" line="154" />
        <source>{path} already exists; choose another file or open it.</source>
        <translation>{path} 已存在，请另选文件或直接打开它。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="156" />
        <source>"{code}" is not a known division code.</source>
        <translation>“{code}”不是有效的区划代码。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="158" />
        <location filename="../../desktop/ledger.py" line="273" />
        <source>Enter the operator's name.</source>
        <translation>请填写填报人姓名。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="320" />
        <source>Cannot sort by {field}.</source>
        <translation>不能按 {field} 排序。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="350" />
        <source>Cannot filter by {field}.</source>
        <translation>不能按 {field} 筛选。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="425" />
        <source>The ledger is open read-only.</source>
        <translation>台账以只读方式打开。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="985" />
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
        <location filename="../../desktop/records.py" line="99" />
        <source>Kind</source>
        <extracomment>shown in the default table columns personal data (encrypted in data packages) field holding the division code that is the record's scope, or the REF field whose record's scope it inherits field used as the record's title in lists and history</extracomment>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="99" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="99" />
        <source>Parent organisation</source>
        <translation>上级组织</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="100" />
        <source>Division</source>
        <translation>所在区划</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="100" />
        <source>Founded on</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="100" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="101" />
        <source>Status changed on</source>
        <translation>状态变更日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="101" />
        <source>Status reason</source>
        <translation>状态变更原因</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="101" />
        <source>Demonstration level</source>
        <translation>示范级别</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="102" />
        <source>League members</source>
        <translation>团员数</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="102" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="102" />
        <source>Organisation</source>
        <translation>所属组织</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="103" />
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="103" />
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="103" />
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="104" />
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="104" />
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="104" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="105" />
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="105" />
        <source>Employment</source>
        <translation>任职方式</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="105" />
        <source>Source category</source>
        <translation>委员来源</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="106" />
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="106" />
        <source>Duty assignment</source>
        <translation>分工</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="106" />
        <source>Rotation duty</source>
        <translation>轮值</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="107" />
        <source>Joined on</source>
        <translation>任职日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="107" />
        <source>Exited on</source>
        <translation>退出日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="107" />
        <source>Exit reason</source>
        <translation>退出原因</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="108" />
        <source>Appraisal year</source>
        <translation>述职考核年度</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="108" />
        <source>Appraisal</source>
        <translation>述职考核结果</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="108" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="109" />
        <source>Budgeted (yuan)</source>
        <translation>预算金额（元）</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="109" />
        <source>Received (yuan)</source>
        <translation>到位金额（元）</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="109" />
        <source>Funding source</source>
        <translation>经费来源</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="110" />
        <source>Received on</source>
        <translation>到位日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="110" />
        <source>Document number</source>
        <translation>文件编号</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="110" />
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="111" />
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="111" />
        <source>System</source>
        <translation>体系</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="111" />
        <source>Item number</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="111" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="112" />
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="112" />
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="112" />
        <source>Issued by</source>
        <translation>下发单位</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="113" />
        <source>Template kind</source>
        <translation>表单类别</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="113" />
        <source>Reference task</source>
        <translation>对应参考任务</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="113" />
        <source>Problem found</source>
        <translation>查摆问题</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="114" />
        <source>Rectification measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="114" />
        <source>Person responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="114" />
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="115" />
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="115" />
        <source>Verified on</source>
        <translation>验收日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="115" />
        <source>Verified by</source>
        <translation>验收人</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="116" />
        <source>Held on</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="116" />
        <source>Attendance</source>
        <translation>参加人数</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="116" />
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="116" />
        <source>Summary</source>
        <translation>内容摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="117" />
        <source>Group members</source>
        <translation>群成员数</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="117" />
        <source>League members in group</source>
        <translation>其中团员数</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="117" />
        <source>Young people reached</source>
        <translation>联系团员青年数</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="118" />
        <source>Created on</source>
        <translation>建群日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="118" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="118" />
        <source>Shared with</source>
        <translation>共享单位</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="118" />
        <source>Opened on</source>
        <translation>启用日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="119" />
        <source>Published on</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="119" />
        <source>Channel</source>
        <translation>发布渠道</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="119" />
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="119" />
        <source>Unit</source>
        <translation>填报单位</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="120" />
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="120" />
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="120" />
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="120" />
        <source>Reported by</source>
        <translation>填报人</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="121" />
        <source>Reported on</source>
        <translation>填报日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="121" />
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="121" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="121" />
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="122" />
        <source>Content hash</source>
        <translation>内容校验值</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="122" />
        <source>Size (bytes)</source>
        <translation>大小（字节）</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="122" />
        <source>Media type</source>
        <translation>文件类型</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="123" />
        <source>Added on</source>
        <translation>添加日期</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="123" />
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
</context>
<context>
    <name>figures</name>
    <message>
        <location filename="../../desktop/figures.py" line="48" />
        <source>Committee members now</source>
        <extracomment>A township "has secured funding" when the year's received amount reaches 20,000 yuan (2万元). The figures the per-unit bar chart can show, with their labels.</extracomment>
        <translation>现有团委委员</translation>
    </message>
    <message>
        <location filename="../../desktop/figures.py" line="49" />
        <source>Townships with 20,000 yuan funding secured</source>
        <translation>落实2万元经费的乡镇</translation>
    </message>
    <message>
        <location filename="../../desktop/figures.py" line="50" />
        <source>Townships that held a mobilisation meeting</source>
        <translation>已召开动员会的乡镇</translation>
    </message>
    <message>
        <location filename="../../desktop/figures.py" line="51" />
        <source>Townships that held a review meeting</source>
        <translation>已召开总结述评会的乡镇</translation>
    </message>
    <message>
        <location filename="../../desktop/figures.py" line="52" />
        <source>Checklist tasks done</source>
        <translation>已完成整改任务</translation>
    </message>
    <message>
        <location filename="../../desktop/figures.py" line="53" />
        <source>Directly affiliated organisations</source>
        <translation>直属团组织</translation>
    </message>
    <message>
        <location filename="../../desktop/figures.py" line="54" />
        <source>Young people reached in WeChat groups</source>
        <translation>团青微信群联系团员青年</translation>
    </message>
    <message>
        <location filename="../../desktop/figures.py" line="57" />
        <source>"{month}" is not a month (YYYY-MM).</source>
        <translation>“{month}”不是月份（格式为 YYYY-MM）。</translation>
    </message>
    <message>
        <location filename="../../desktop/figures.py" line="58" />
        <source>"{figure}" is not a figure of the report.</source>
        <translation>“{figure}”不是月报的统计项。</translation>
    </message>
</context>
<context>
    <name>kinds</name>
    <message>
        <location filename="../../desktop/records.py" line="126" />
        <source>League organisation</source>
        <translation>团组织</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="126" />
        <source>Committee member</source>
        <translation>团委委员</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="126" />
        <source>Funding entry</source>
        <translation>工作经费</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="127" />
        <source>Checklist template item</source>
        <translation>参考表条目</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="127" />
        <source>Checklist task</source>
        <translation>对标整改任务</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="127" />
        <source>Meeting or activity</source>
        <translation>会议活动</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="128" />
        <source>WeChat group</source>
        <translation>团青微信群</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="128" />
        <source>Venue</source>
        <translation>阵地</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="128" />
        <source>Publicity item</source>
        <translation>宣传信息</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="129" />
        <source>Reported figure</source>
        <translation>上报数据</translation>
    </message>
    <message>
        <location filename="../../desktop/records.py" line="129" />
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
</context>
</TS>