<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="39" />
        <location filename="../../ui/app.py" line="80" />
        <source>Township Ledger</source>
        <translation>团建台账</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="39" />
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
        <location filename="../../ui/checklist.py" line="173" />
        <source>Generate tasks from the reference table</source>
        <translation>按参考表生成任务</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="175" />
        <source>New task</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="176" />
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="177" />
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="178" />
        <source>Start</source>
        <translation>开始整改</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="179" />
        <source>Rectification has begun: status "in progress".</source>
        <translation>整改已开始：状态改为“整改中”。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="180" />
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="181" />
        <source>Rectification is finished: status "done", done on today.</source>
        <translation>整改已完成：状态改为“已完成”，完成日期为今天。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="182" />
        <source>Verify</source>
        <translation>验收</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="183" />
        <source>Reopen</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="184" />
        <source>Take the task one step back in the workflow.</source>
        <translation>将任务退回到上一步状态。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="219" />
        <source>All systems</source>
        <translation>全部体系</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="251" />
        <location filename="../../ui/checklist.py" line="613" />
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="266" />
        <source>Attach file…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="267" />
        <location filename="../../ui/checklist.py" line="717" />
        <location filename="../../ui/checklist.py" line="729" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="268" />
        <location filename="../../ui/checklist.py" line="737" />
        <location filename="../../ui/checklist.py" line="746" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="328" />
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="333" />
        <source>Choose a township (or a county) to generate its tasks.</source>
        <translation>请先选择一个乡镇（或县）再生成任务。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="335" />
        <source>Create one task per item of the reference table that this unit does not have yet.</source>
        <translation>为本单位尚未建立的每个参考表事项各生成一项任务。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="366" />
        <source>{system}: done {done} / {total}</source>
        <translation>{system}：已完成 {done} / {total}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="370" />
        <source>{system}: {total} tasks, {done} done, {verified} verified by the level above, {overdue} overdue</source>
        <translation>{system}：共 {total} 项，已完成 {done} 项，上级已验收 {verified} 项，逾期 {overdue} 项</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/checklist.py" line="375" />
        <source>%n task(s) overdue</source>
        <translation>
            <numerusform>%n 项任务已逾期</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="385" />
        <source>No tasks yet.</source>
        <translation>暂无任务。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="387" />
        <source>Generate them from the reference table, or add one with "New task".</source>
        <translation>可按参考表生成，或点击“新建任务”添加。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="392" />
        <source>The checklist could not be loaded.</source>
        <translation>无法加载对标整改台账。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="455" />
        <source>Only the level above can verify this task.</source>
        <translation>只有上级才能验收此任务。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="457" />
        <source>A task can be verified once it is done.</source>
        <translation>任务完成后才能验收。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="459" />
        <source>Confirm, as the level above, that the rectification is done.</source>
        <translation>以上级身份确认整改已完成。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="491" />
        <source>The ledger has no {committee} for {unit} yet. Add it among the organisations first.</source>
        <translation>台账中还没有{unit}的{committee}，请先在团组织中添加。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="500" />
        <source>Every task of the reference table is already there.</source>
        <translation>参考表中的任务均已生成。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="508" />
        <source>generate checklist tasks</source>
        <translation>生成对标整改任务</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/checklist.py" line="513" />
        <source>%n task(s) created from the reference table.</source>
        <translation>
            <numerusform>已按参考表生成 %n 项任务。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="527" />
        <source>new checklist task</source>
        <translation>新建对标整改任务</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="543" />
        <source>edit checklist task</source>
        <translation>编辑对标整改任务</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="580" />
        <source>start task</source>
        <translation>开始整改任务</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="580" />
        <source>mark task done</source>
        <translation>标记任务完成</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="581" />
        <source>verify task</source>
        <translation>验收任务</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="581" />
        <source>reopen task</source>
        <translation>退回任务</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="590" />
        <source>Checklist</source>
        <translation>对标整改</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/checklist.py" line="611" />
        <source>Evidence (%n file(s))</source>
        <translation>
            <numerusform>佐证材料（%n 个文件）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="625" />
        <source>Attach evidence</source>
        <translation>添加佐证材料</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="625" />
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="632" />
        <location filename="../../ui/checklist.py" line="636" />
        <location filename="../../ui/checklist.py" line="645" />
        <location filename="../../ui/checklist.py" line="666" />
        <location filename="../../ui/checklist.py" line="677" />
        <source>Attach file</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="633" />
        <location filename="../../ui/checklist.py" line="646" />
        <location filename="../../ui/checklist.py" line="667" />
        <source>{file} cannot be read: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="637" />
        <source>{file} is {size}. Files over {limit} cannot be attached: the ledger travels on USB sticks and over slow connections. Attach a smaller copy (for example compressed photos or a PDF).</source>
        <translation>{file} 大小为 {size}。超过 {limit} 的文件不能作为附件：台账要通过U盘和较慢的网络传递。请附加较小的副本（例如压缩后的照片或 PDF）。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="652" />
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="682" />
        <source>attach {file}</source>
        <translation>添加附件 {file}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="711" />
        <source>Opening {file}…</source>
        <translation>正在打开 {file}…</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="718" />
        <source>No program on this computer opens {file}. It was saved as {path}.</source>
        <translation>本机没有能打开 {file} 的程序。文件已保存为 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="730" />
        <source>{file} could not be opened: {reason}</source>
        <translation>无法打开 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="738" />
        <source>Remove {file} from the task's evidence? You can undo this with Ctrl+Z.</source>
        <translation>从该任务的佐证材料中移除 {file}？可按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="751" />
        <source>remove {file}</source>
        <translation>移除附件 {file}</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>return task</source>
        <translation>退回任务</translation>
    </message>
    <message>
        <source>Changed by the workflow buttons (Start, Mark done, Verify, Return).</source>
        <translation>由流程按钮（开始整改、标记完成、验收、退回）修改。</translation>
    </message>
    <message>
        <source>Choose a township (or a county) for its self-inspection.</source>
        <translation>请选择一个乡镇（或县）开展自查。</translation>
    </message>
    <message>
        <source>The first step: answer the self-inspection items and turn what you found into rectification tasks.</source>
        <translation>第一步：逐项开展“八查八看”自查，把查摆出的问题生成整改任务。</translation>
    </message>
    <message>
        <source>Edit the reference table and issue it to the units below.</source>
        <translation>编辑参考表并下发给下级单位。</translation>
    </message>
    <message>
        <source>Issue tables…</source>
        <translation>下发参考表…</translation>
    </message>
    <message>
        <source>Self-inspection (八查八看)…</source>
        <translation>八查八看自查…</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <location filename="../../ui/history.py" line="232" />
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="232" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="232" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="232" />
        <source>Value that lost</source>
        <translation>被覆盖的值</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="233" />
        <source>Value that won</source>
        <translation>生效的值</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="233" />
        <source>Detected at</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Won by</source>
        <translation>胜出方</translation>
    </message>
    <message>
        <source>Changed at</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Detected here at {when}</source>
        <translation>本机发现于 {when}</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../ui/history.py" line="266" />
        <source>Conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="267" />
        <source>The same field was changed here and elsewhere before the two met. The later change won; the value it replaced is kept below. Take it back, or keep the current value.</source>
        <translation>同一字段在本机和别处都被修改过，同步时较晚的修改生效，被替换的值保留在下面。可以恢复它，也可以保留当前值。</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="283" />
        <source>No conflicts: every change merged cleanly.</source>
        <translation>没有冲突：所有修改均已顺利合并。</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="291" />
        <source>Take back my value</source>
        <translation>恢复我的值</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="293" />
        <source>Write the value that lost back into the record (it travels with the next sync).</source>
        <translation>把被覆盖的值写回记录（随下次同步上传）。</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="296" />
        <source>Keep the current value</source>
        <translation>保留当前值</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="298" />
        <source>Leave the record as it is and dismiss the conflict.</source>
        <translation>记录保持不变，并关闭此冲突。</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="300" />
        <source>History…</source>
        <translation>历史记录…</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="342" />
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="361" />
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="361" />
        <source>not deleted</source>
        <translation>未删除</translation>
    </message>
    <message>
        <source>{record} · {field}: “{won}” from {winner} ({when}) replaced “{lost}”</source>
        <translation>{record} · {field}：{winner}于 {when} 改为“{won}”，取代了“{lost}”</translation>
    </message>
    <message>
        <source>The same field was changed by two offices before their changes met. The later change won; the value it replaced is kept below, with the office and person whose change won. Take the lost value back, or keep the current value.</source>
        <translation>两个单位在同步之前修改了同一字段。较晚的修改胜出；被取代的值保留在下表，并注明胜出修改的单位、经办人和时间。可以恢复被取代的值，或保留当前值。</translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation>没有待处理的冲突。</translation>
    </message>
    <message>
        <source>Taken back; waiting to sync.</source>
        <translation>已恢复，待同步</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) dismissed; the current value stays.</source>
        <translation>
            <numerusform>已忽略 %n 处冲突，保留当前值。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../ui/dashboard.py" line="269" />
        <source>The figures could not be computed.</source>
        <extracomment>Cards in this many columns (two rows of five fit a 1366-pixel screen beside the unit tree). the figures on screen (code, name, value) of the chosen figure per unit below, as drawn</extracomment>
        <translation>无法计算统计数据。</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="275" />
        <source>Loading…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="284" />
        <source>{percent}%</source>
        <translation>{percent}%</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="289" />
        <source>All of China</source>
        <translation>全国</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dashboard.py" line="302" />
        <source>{percent} of %Ln township(s)</source>
        <translation>
            <numerusform>占%Ln个乡镇的{percent}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="305" />
        <location filename="../../ui/dashboard.py" line="366" />
        <source>Committee members</source>
        <translation>团委委员</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="306" />
        <source>{added} joined, {exited} left this month</source>
        <translation>本月新增{added}人，退出{exited}人</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="308" />
        <source>Township committees</source>
        <translation>乡镇团委</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="309" />
        <source>Funding of 20,000 yuan secured</source>
        <translation>落实2万元工作经费</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="311" />
        <source>Mobilisation meeting held</source>
        <translation>已召开动员会</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="313" />
        <source>Summary-and-review meeting held</source>
        <translation>已召开总结述评会</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="317" />
        <source>Checklist tasks done</source>
        <translation>已完成整改任务</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dashboard.py" line="318" />
        <source>{percent} of %Ln task(s); {verified} verified</source>
        <translation>
            <numerusform>占%Ln项任务的{percent}；已验收{verified}项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="321" />
        <source>Directly affiliated organisations</source>
        <translation>直属团组织</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="322" />
        <source>{new} new this month; {revoked} revoked; {rectifying} under rectification</source>
        <translation>本月新建{new}个；已撤销{revoked}个；整顿中{rectifying}个</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="325" />
        <source>Co-operative working committees</source>
        <translation>农村合作组织团工委</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dashboard.py" line="327" />
        <source>{percent} of %Ln county committee(s)</source>
        <translation>
            <numerusform>占%Ln个团县委的{percent}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="328" />
        <source>WeChat groups</source>
        <translation>团青微信群</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="329" />
        <source>Young people reached</source>
        <translation>联系团员青年</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="330" />
        <source>through WeChat groups</source>
        <translation>通过团青微信群</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="363" />
        <source>Committee members by source</source>
        <translation>团委委员来源构成</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="382" />
        <source>Checklist progress by system</source>
        <translation>各体系对标整改进度</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="387" />
        <source>Verified</source>
        <translation>已验收</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="388" />
        <source>Done, not yet verified</source>
        <translation>已完成待验收</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="389" />
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dashboard.py" line="408" />
        <source>{system}: %Ln task(s), {done} done, {verified} verified</source>
        <translation>
            <numerusform>{system}：共%Ln项任务，已完成{done}项，已验收{verified}项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="415" />
        <source>Provinces</source>
        <translation>各省（区、市）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="415" />
        <source>Prefectures</source>
        <translation>各地市</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="415" />
        <source>Counties</source>
        <translation>各县（市、区）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="416" />
        <source>Townships</source>
        <translation>各乡镇</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="416" />
        <source>This township</source>
        <translation>本乡镇</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="429" />
        <source>{level}: none with a township committee in the ledger</source>
        <translation>{level}：台账中没有乡镇团委</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="431" />
        <source>{level}: {figure}</source>
        <translation>{level}：{figure}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="459" />
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="460" />
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="461" />
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="462" />
        <source>&amp;By unit</source>
        <translation>下级单位(&amp;B)</translation>
    </message>
    <message numerus="yes">
        <source>{percent} of %Ln agricultural county(ies)</source>
        <translation>
            <numerusform>占%Ln个涉农县的{percent}</numerusform>
        </translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>尚未</translation>
    </message>
    <message>
        <source>No checklist tasks yet</source>
        <translation>尚无整改任务</translation>
    </message>
    <message>
        <source>all {source}</source>
        <translation>均为{source}</translation>
    </message>
    <message>
        <source>{n} records to complete</source>
        <translation>{n} 条记录待补全</translation>
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
    <name>EnrollDialog</name>
    <message>
        <location filename="../../ui/sync_widgets.py" line="454" />
        <source>Enroll with a hub</source>
        <translation>接入汇总端</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="457" />
        <source>Your county office gives you the hub's address and a one-time enrollment code. The code works once and for 14 days.</source>
        <translation>汇总端地址和一次性接入码由县团委提供。接入码只能使用一次，14 天内有效。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="462" />
        <source>e.g. http://192.168.1.10:8000</source>
        <translation>例如 http://192.168.1.10:8000</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="466" />
        <source>10 letters and digits</source>
        <translation>10 位字母和数字</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="485" />
        <source>Hub &amp;address</source>
        <translation>汇总端地址(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="485" />
        <source>Enrollment &amp;code</source>
        <translation>接入码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="486" />
        <source>This office's &amp;name</source>
        <translation>本单位名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="492" />
        <source>&amp;Enroll</source>
        <translation>接入(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="508" />
        <source>Enter the hub's address.</source>
        <translation>请输入汇总端地址。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="510" />
        <source>Enter the enrollment code.</source>
        <translation>请输入接入码。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="512" />
        <source>Enter this office's name.</source>
        <translation>请输入本单位名称。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="540" />
        <source>Asking the hub…</source>
        <translation>正在联系汇总端…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="566" />
        <source>The hub could not be reached. Check the address and the network connection.</source>
        <translation>连不上汇总端。请检查地址和网络连接。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="569" />
        <source>The enrollment failed because of an error in the program ({error}).</source>
        <translation>程序出错，接入未完成（{error}）。</translation>
    </message>
</context>
<context>
    <name>ExcelExport</name>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="51" />
        <source>Something went wrong inside the program; the details are in the log.</source>
        <extracomment>Row colours of the preview, per status (light, so the text stays readable).</extracomment>
        <translation>程序内部出错，详细信息已写入日志。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="476" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="510" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="511" />
        <source>The file was not written: {reason}</source>
        <translation>文件未写入：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="517" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="542" />
        <source>Export the table</source>
        <translation>导出当前表格</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="560" />
        <source>Exporting {kind}…</source>
        <translation>正在导出{kind}……</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="560" />
        <location filename="../../ui/excel_dialogs.py" line="579" />
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="565" />
        <source>Export the whole ledger</source>
        <translation>导出整个台账</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="579" />
        <source>Exporting the ledger…</source>
        <translation>正在导出台账……</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="588" />
        <source>Blank template</source>
        <translation>空白模板</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="589" />
        <source>Template for:</source>
        <translation>模板类型：</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="593" />
        <source>{kind} template</source>
        <translation>{kind}导入模板</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="594" />
        <source>Save the blank template</source>
        <translation>保存空白模板</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="602" />
        <source>Writing the template…</source>
        <translation>正在生成模板……</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="603" />
        <source>Template saved to {path}</source>
        <translation>模板已保存到 {path}</translation>
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
        <location filename="../../ui/history.py" line="125" />
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="172" />
        <source>{kind}: {title}</source>
        <translation>{kind}：{title}</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="174" />
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="176" />
        <source>History of {title}</source>
        <translation>{title}的历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="193" />
        <source>(built in)</source>
        <translation>（内置）</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="196" />
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="201" />
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="201" />
        <source>Restored</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../ui/history.py" line="92" />
        <source>Time</source>
        <extracomment>rows of the same change share a group number (shaded alike) the row tells of the record itself (created, deleted, restored), not of a field</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="92" />
        <source>Author</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="92" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="92" />
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../ui/history.py" line="93" />
        <source>New value</source>
        <translation>新值</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="158" />
        <location filename="../../ui/excel_dialogs.py" line="278" />
        <source>Import Excel</source>
        <translation>导入 Excel</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="168" />
        <source>Choose a spreadsheet (.xlsx, .xls, .et, .ods, .csv)…</source>
        <translation>选择表格文件（.xlsx、.xls、.et、.ods、.csv）……</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="169" />
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="188" />
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="189" />
        <source>Records:</source>
        <translation>记录类型：</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="190" />
        <source>Unit:</source>
        <translation>所属单位：</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="196" />
        <source>Only rows with errors</source>
        <translation>只看有错误的行</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="214" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="222" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="226" />
        <source>Save the rows with errors…</source>
        <translation>保存有错误的行…</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="229" />
        <source>Undo this import</source>
        <translation>撤销本次导入</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="254" />
        <source>From the organisation column of the file</source>
        <translation>按文件中的“所属组织”列</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="279" />
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.xlsb *.ods *.csv *.tsv *.txt *.et);;Excel workbooks (*.xlsx *.xlsm *.xls *.xlsb);;OpenDocument spreadsheets (*.ods);;Text tables (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.xlsm *.xls *.xlsb *.ods *.csv *.tsv *.txt *.et);;Excel 工作簿 (*.xlsx *.xlsm *.xls *.xlsb);;OpenDocument 表格 (*.ods);;文本表格 (*.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="334" />
        <source>Cancelled; nothing was stored.</source>
        <translation>已取消，未保存任何记录。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="354" />
        <source>Checking the file…</source>
        <translation>正在检查文件……</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="369" />
        <source>New: {add}   Update: {update}   Duplicates (skipped): {duplicate}   Errors: {error}</source>
        <translation>新增：{add}　更新：{update}　重复（跳过）：{duplicate}　错误：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="371" />
        <source>The file has no data rows below the header.</source>
        <translation>文件表头下方没有数据行。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="374" />
        <source>Columns not imported: {columns}</source>
        <translation>未导入的列：{columns}</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="376" />
        <source>Sheet {sheet} not imported: {reason}</source>
        <translation>工作表“{sheet}”未导入：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="391" />
        <source>Importing…</source>
        <translation>正在导入……</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="395" />
        <source>Imported {added} new and {updated} updated records.</source>
        <translation>已导入：新增 {added} 条，更新 {updated} 条。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="398" />
        <source>{n} rows with errors were not imported.</source>
        <translation>有错误的 {n} 行未导入。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="415" />
        <source>Undoing the import…</source>
        <translation>正在撤销导入……</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="422" />
        <source>The import was undone ({n} records).</source>
        <translation>已撤销本次导入（{n} 条记录）。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="430" />
        <source>Save the rows with errors</source>
        <translation>保存有错误的行</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="432" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="444" />
        <source>The rows with errors were saved to {path}. Correct them there and import that file.</source>
        <translation>有错误的行已保存到 {path}。请在其中更正后导入该文件。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="446" />
        <source>Saving…</source>
        <translation>正在保存……</translation>
    </message>
    <message>
        <source>Download the blank template</source>
        <translation>下载空白模板</translation>
    </message>
    <message>
        <source>{n} records to complete: no {fields}</source>
        <translation>{n} 条记录待补全：缺少 {fields}</translation>
    </message>
    <message>
        <source>{n} of them to complete in the table.</source>
        <translation>其中 {n} 条待在表格中补全。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="54" />
        <location filename="../../ui/main_window.py" line="288" />
        <source>Overview</source>
        <extracomment>The record sections, in the order of the tabs (the checklist has a view of its own).</extracomment>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="57" />
        <location filename="../../ui/main_window.py" line="296" />
        <source>Monthly report</source>
        <translation>月报</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="63" />
        <location filename="../../ui/main_window.py" line="294" />
        <source>Benchmarking checklist</source>
        <translation>对标整改</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110" />
        <source>All of China</source>
        <translation>全国</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="111" />
        <source>Ledger: {unit}</source>
        <translation>台账：{unit}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="112" />
        <source>Operator: {name}</source>
        <translation>填报人：  {name}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113" />
        <source>Unsynced changes: {n}</source>
        <translation>待同步修改：{n}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="115" />
        <source>Last sync: {when}</source>
        <translation>上次同步：{when}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="115" />
        <source>never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118" />
        <source>Township Ledger — {path}</source>
        <translation>团建台账 — {path}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="122" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="123" />
        <source>&amp;Open ledger…</source>
        <translation>打开台账(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="124" />
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="126" />
        <source>&amp;Import Excel…</source>
        <translation>导入 &amp;Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="127" />
        <source>&amp;Export current table…</source>
        <translation>导出当前表格(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128" />
        <source>Export the &amp;whole ledger…</source>
        <translation>导出整个台账(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129" />
        <source>Download blank &amp;template…</source>
        <translation>下载空白模板(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="131" />
        <source>&amp;Data packages (USB)…</source>
        <translation>数据包（U盘）(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="133" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="135" />
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="146" />
        <source>&amp;New record</source>
        <translation>新建记录(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147" />
        <source>&amp;Filter</source>
        <translation>筛选(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="148" />
        <source>Record &amp;history</source>
        <translation>修改历史(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150" />
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151" />
        <source>&amp;Conflicts…</source>
        <translation>冲突处理(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155" />
        <source>&amp;About Township Ledger</source>
        <translation>关于团建台账(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="263" />
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="301" />
        <source>Open ledger</source>
        <translation>打开台账</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="302" />
        <source>Ledger files (*.sqlite);;All files (*)</source>
        <translation>台账文件 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308" />
        <source>Back up to folder</source>
        <translation>备份到文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317" />
        <source>Backup written to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321" />
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321" />
        <source>The backup failed: {reason}</source>
        <translation>备份失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="349" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="349" />
        <source>Choose the tab of a table first.</source>
        <translation>请先切换到一个表格标签页。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="365" />
        <source>About Township Ledger</source>
        <translation>关于团建台账</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="366" />
        <source>&lt;b&gt;Township Ledger&lt;/b&gt; (团建台账)&lt;br&gt;The work ledger of rural Youth League offices.&lt;br&gt;Schema version {version}. Division data: National Bureau of Statistics, 2023.</source>
        <translation>&lt;b&gt;团建台账&lt;/b&gt;&lt;br&gt;农村基层团组织建设工作台账。&lt;br&gt;数据版本 {version}。区划数据：国家统计局，2023年。</translation>
    </message>
    <message>
        <source>“{step}” can no longer be undone: {reason}</source>
        <translation>“{step}”已不能撤销：{reason}</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用说明(&amp;U)</translation>
    </message>
    <message>
        <source>Import a &amp;paper table (photo or scan)…</source>
        <translation>导入纸质表格（照片/扫描件）(&amp;P)…</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Problem list</source>
        <translation>问题清单</translation>
    </message>
    <message>
        <source>Work ledger</source>
        <translation>工作台账</translation>
    </message>
</context>
<context>
    <name>MonthFigureView</name>
    <message>
        <location filename="../../ui/month_header.py" />
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/month_header.py" />
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <location filename="../../ui/month_header.py" />
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <location filename="../../ui/month_header.py" />
        <source>All of China</source>
        <translation>全国</translation>
    </message>
    <message>
        <location filename="../../ui/month_header.py" />
        <source>Loading…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location filename="../../ui/month_header.py" />
        <source>The figures could not be computed.</source>
        <translation>无法计算统计数据。</translation>
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
    <name>PackagesDialog</name>
    <message>
        <location filename="../../ui/package_dialogs.py" line="84" />
        <source>Data packages (USB)</source>
        <translation>数据包（U盘）</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="86" />
        <source>This computer's fingerprint: &lt;b&gt;{fp}&lt;/b&gt; — read it out when another office asks.</source>
        <translation>本机指纹：&lt;b&gt;{fp}&lt;/b&gt;——对方单位核对时请读给对方听。</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="96" />
        <source>No office is trusted yet. Exchange identity files first: write this computer's file, and trust the other office's after checking its fingerprint by phone.</source>
        <translation>还没有信任的单位。请先交换身份文件：写出本机的身份文件，并在电话核对指纹后信任对方的身份文件。</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="102" />
        <source>&amp;Export a package…</source>
        <translation>导出数据包(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="104" />
        <source>&amp;Import a package…</source>
        <translation>导入数据包(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="106" />
        <source>&amp;Write my identity file…</source>
        <translation>写出本机身份文件(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="107" />
        <source>&amp;Trust an office…</source>
        <translation>信任对方单位(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="119" />
        <source>Write to:</source>
        <translation>写入：</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="151" />
        <source>Another folder…</source>
        <translation>其他文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="167" />
        <source>The package could not be handled: {reason}</source>
        <translation>数据包处理失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="179" />
        <source>Write the package to</source>
        <translation>数据包写入到</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="192" />
        <source>The package was written and checked: {path}. The stick can be removed safely.</source>
        <translation>数据包已写入并校验无误：{path}。现在可以安全拔出U盘。</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="198" />
        <source>Writing the package…</source>
        <translation>正在写入数据包…</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="202" />
        <source>Import a package</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="203" />
        <source>Data packages and receipts ({filter})</source>
        <translation>数据包和回执 ({filter})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/package_dialogs.py" line="221" />
        <source>Receipt read: %n change(s) newly confirmed as delivered.</source>
        <translation>
            <numerusform>已读取回执：新确认送达 %n 条修改。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="223" />
        <source>Imported: {applied} new, {had} already here, {rejected} refused.</source>
        <translation>导入完成：新增 {applied} 条，已有 {had} 条，拒收 {rejected} 条。</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="233" />
        <source>Checking and importing the package…</source>
        <translation>正在校验并导入数据包…</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="237" />
        <source>Write my identity file</source>
        <translation>写出本机身份文件</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="239" />
        <source>Identity files (*.tlid)</source>
        <translation>身份文件 (*.tlid)</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="247" />
        <source>Identity file written: {path}</source>
        <translation>身份文件已写出：{path}</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="250" />
        <source>Another office's identity file</source>
        <translation>对方单位的身份文件</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="251" />
        <source>Identity files (*.tlid);;All files (*)</source>
        <translation>身份文件 (*.tlid);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="260" />
        <source>Check the fingerprint</source>
        <translation>核对指纹</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="261" />
        <source>Ask the office by phone to read out its fingerprint, and type it here.
The file says: {fp}</source>
        <translation>请对方单位在电话中读出其指纹，并在此输入。
文件中的指纹：{fp}</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="266" />
        <source>The fingerprints differ: the file was not trusted.</source>
        <translation>指纹不一致：未信任该文件。</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="275" />
        <source>The office is trusted; packages can now go both ways.</source>
        <translation>已信任该单位，双方现在可以互传数据包。</translation>
    </message>
    <message>
        <source>This computer: &lt;b&gt;{office}&lt;/b&gt; · check code &lt;b&gt;{fp}&lt;/b&gt;&lt;br&gt;&lt;small&gt;The check code (also called the fingerprint) is how another office makes sure on the phone that a package is really yours: read it out when they ask.&lt;/small&gt;</source>
        <translation>本机：&lt;b&gt;{office}&lt;/b&gt; · 核对码 &lt;b&gt;{fp}&lt;/b&gt;&lt;br&gt;&lt;small&gt;核对码（也叫“指纹”）用于其他单位在电话里确认数据包确实是您发的：对方问起时请念给他们听。&lt;/small&gt;</translation>
    </message>
    <message>
        <source>No office is trusted yet. The simplest way: import the other office's first package (it waits here until you check its code by phone), or trust the identity file on a stick they handed you. Until then, Export writes this office's identity file for them.</source>
        <translation>还没有信任任何单位。最简单的办法：导入对方的第一个数据包（它会暂存在这里，等您电话核对核对码），或信任对方当面交给您的U盘上的身份文件。在此之前，“导出”会为对方写出本单位的身份文件。</translation>
    </message>
    <message>
        <source>Waiting for a check by phone</source>
        <translation>等待电话核对</translation>
    </message>
    <message>
        <source>&amp;Check by phone…</source>
        <translation>电话核对(&amp;C)…</translation>
    </message>
    <message>
        <source>Throw away</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>The identity file holds what another office needs to open and check this office's packages (no personal data).</source>
        <translation>身份文件里是其他单位打开和核验本单位数据包所需的信息（不含个人信息）。</translation>
    </message>
    <message>
        <source>&amp;Trust an office from its identity file…</source>
        <translation>根据身份文件信任单位(&amp;T)…</translation>
    </message>
    <message>
        <source>Only here: {n} changes of this ledger that no upper office (the hub, or the office above through a package or receipt) has confirmed yet.</source>
        <translation>仅在本机：{n} 条修改，尚无上级（汇总端，或上级单位通过数据包、回执）确认收到。</translation>
    </message>
    <message>
        <source>These packages come from offices this computer does not trust yet; nothing of them is applied. Phone the office and press Check by phone: once the code they read out matches, the package is applied.</source>
        <translation>这些数据包来自本机尚未信任的单位，其中的内容都还没有导入。请给该单位打电话并点“电话核对”：对方念出的核对码一致后，数据包即被导入。</translation>
    </message>
    <message>
        <source>&amp;Write my identity onto the stick…</source>
        <translation>把本单位身份文件写到U盘(&amp;W)…</translation>
    </message>
    <message>
        <source>Write to</source>
        <translation>写入到</translation>
    </message>
    <message>
        <source>{office} is not trusted by this computer yet, so its package ({n} changes) was not applied: it waits below. Phone {office} and press Check by phone.</source>
        <translation>本机尚未信任 {office}，其数据包（{n} 条修改）没有导入，暂存在下方。请给 {office} 打电话，然后点“电话核对”。</translation>
    </message>
    <message>
        <source>Check by phone now?</source>
        <translation>现在电话核对吗？</translation>
    </message>
    <message>
        <source>{office} is trusted now.</source>
        <translation>已信任 {office}。</translation>
    </message>
    <message>
        <source>Throw away the packages of {office} that wait here? Nothing of them was applied.</source>
        <translation>丢弃暂存在这里的 {office} 的数据包吗？其中的内容都还没有导入。</translation>
    </message>
    <message>
        <source>Identity file written: {path}. Give it to the other office (on this stick): with it they can trust this office and seal packages for it. Once they send theirs or a package back, packages go both ways.</source>
        <translation>身份文件已写入：{path}。请把它（用这个U盘）交给对方单位：对方据此信任本单位，并能给本单位写加密数据包。对方把他们的身份文件或数据包带回来后，就可以互相交换数据包了。</translation>
    </message>
    <message>
        <source>{office} was not trusted.</source>
        <translation>没有信任 {office}。</translation>
    </message>
    <message>
        <source>{office} is trusted; packages can now go both ways.</source>
        <translation>已信任 {office}；现在可以互相交换数据包了。</translation>
    </message>
</context>
<context>
    <name>PeerModel</name>
    <message>
        <location filename="../../ui/package_dialogs.py" line="49" />
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="49" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="49" />
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="49" />
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="50" />
        <source>Only here</source>
        <translation>仅在本机</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="50" />
        <source>Last package out</source>
        <translation>上次导出</translation>
    </message>
    <message>
        <location filename="../../ui/package_dialogs.py" line="50" />
        <source>Last package in</source>
        <translation>上次导入</translation>
    </message>
    <message>
        <source>Confirmed by them</source>
        <translation>对方已确认</translation>
    </message>
    <message>
        <source>Not yet confirmed by them</source>
        <translation>对方尚未确认</translation>
    </message>
    <message>
        <source>check code compared by phone</source>
        <translation>已电话核对核对码</translation>
    </message>
    <message>
        <source>vouched for by the hub</source>
        <translation>由汇总端担保</translation>
    </message>
    <message>
        <source>identity file handed over in person</source>
        <translation>身份文件当面交接</translation>
    </message>
    <message>
        <source>{office}
Unit: {unit}
Trusted: {via}
Check code: {fingerprint}
Device: {device}</source>
        <translation>{office}
单位：{unit}
信任方式：{via}
核对码：{fingerprint}
设备：{device}</translation>
    </message>
</context>
<context>
    <name>PlanModel</name>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="102" />
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="102" />
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="102" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/excel_dialogs.py" line="103" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>{status}, to complete</source>
        <translation>{status}（待补全）</translation>
    </message>
    <message>
        <source>To complete</source>
        <translation>待补全</translation>
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
    <message>
        <source>Discard what you typed in this form?</source>
        <translation>放弃这张表里已填写的内容吗？</translation>
    </message>
</context>
<context>
    <name>RecordSection</name>
    <message>
        <location filename="../../ui/sections.py" line="112" />
        <source>Filter (name, phone, title…)  Ctrl+F</source>
        <translation>筛选（姓名、电话、标题…） Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="106" />
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="107" />
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="108" />
        <location filename="../../ui/sections.py" line="229" />
        <location filename="../../ui/sections.py" line="239" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="109" />
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="110" />
        <source>Columns</source>
        <translation>显示列</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sections.py" line="138" />
        <source>%n record(s)</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="148" />
        <source>The list could not be loaded.</source>
        <translation>列表加载失败。</translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="203" />
        <source>new {kind}</source>
        <translation>新建{kind}</translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="220" />
        <source>edit {kind}</source>
        <translation>编辑{kind}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sections.py" line="230" />
        <source>Delete %n record(s)? You can undo this with Ctrl+Z.</source>
        <translation>
            <numerusform>删除这 %n 条记录？可以用 Ctrl+Z 撤销。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sections.py" line="234" />
        <source>delete {kind}</source>
        <translation>删除{kind}</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../../ui/report_view.py" line="330" />
        <source>The report could not be computed.</source>
        <extracomment>The figure the chart shows first. Rows a table shows before it scrolls on its own (the section's page scrolls too).</extracomment>
        <translation>无法生成月报。</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="336" />
        <source>Computing the report…</source>
        <translation>正在生成月报…</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="348" />
        <source>All of China</source>
        <translation>全国</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="404" />
        <source>{level}: {figure}</source>
        <translation>各{level}：{figure}</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="452" />
        <source>Monthly report {unit} {month}</source>
        <translation>{unit}{month}月报</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="466" />
        <source>Export the report to Excel</source>
        <translation>导出月报为 Excel</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="466" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="474" />
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="482" />
        <source>Export the report to PDF</source>
        <translation>导出月报为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="482" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="502" />
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="513" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="513" />
        <source>The report could not be saved: {reason}</source>
        <translation>月报未能保存：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="518" />
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="519" />
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="520" />
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="521" />
        <source>Export &amp;Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="522" />
        <source>Export &amp;PDF…</source>
        <translation>导出 PDF(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/report_view.py" line="523" />
        <source>&amp;Chart by unit</source>
        <translation>各单位柱状图(&amp;C)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="116" />
        <source>Settings</source>
        <extracomment>How many daily backups of a ledger are kept in the backup folder.</extracomment>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="137" />
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="147" />
        <source>Back up &amp;automatically every day</source>
        <translation>每天自动备份(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="150" />
        <source>Back up &amp;now</source>
        <translation>立即备份(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="160" />
        <source>Last automatic backup: {day}</source>
        <translation>上次自动备份：{day}</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="162" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="252" />
        <source>Hub: not enrolled</source>
        <translation>汇总端：尚未接入</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="180" />
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="186" />
        <source>The language takes effect when you press OK.</source>
        <translation>按“确定”后切换语言。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="190" />
        <source>&amp;Operator name</source>
        <translation>填报人姓名(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="195" />
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="201" />
        <source>Backup &amp;folder</source>
        <translation>备份文件夹(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="206" />
        <source>The newest {n} backups of this ledger are kept; older ones are deleted.</source>
        <translation>本台账保留最近 {n} 份备份，更早的会自动删除。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="235" />
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="243" />
        <source>{path} is a file, not a folder. Choose a folder.</source>
        <translation>{path} 是一个文件，不是文件夹，请选择文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="253" />
        <source>&amp;Enroll…</source>
        <translation>接入(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="255" />
        <source>the whole country</source>
        <translation>全国</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="256" />
        <source>Hub: {url}, enrolled for {unit}</source>
        <translation>汇总端：{url}，接入范围：{unit}</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="257" />
        <source>&amp;Enroll again…</source>
        <translation>重新接入(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="277" />
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="289" />
        <source>Backed up to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="301" />
        <source>The backup could not be written: {reason}</source>
        <translation>无法写入备份：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="303" />
        <source>The backup failed ({error}).</source>
        <translation>备份失败（{error}）。</translation>
    </message>
</context>
<context>
    <name>SyncButton</name>
    <message>
        <location filename="../../ui/sync_widgets.py" line="142" />
        <location filename="../../ui/sync_widgets.py" line="167" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="142" />
        <location filename="../../ui/sync_widgets.py" line="163" />
        <source>Cancel {percent}%</source>
        <translation>取消 {percent}%</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="142" />
        <location filename="../../ui/sync_widgets.py" line="157" />
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="158" />
        <source>The sync stops after the batch under way.</source>
        <translation>当前这一批传完后同步即停止。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="163" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="164" />
        <source>Stop the sync. What was already exchanged is kept.</source>
        <translation>停止同步。已交换的内容会保留。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="169" />
        <source>Send your changes to the hub and fetch the others' now ({key}).</source>
        <translation>立即把本机的修改上传到汇总端，并取回其他单位的修改（{key}）。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="171" />
        <source>The hub is out of reach; press to try now.</source>
        <translation>连不上汇总端；点击立即重试。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="172" />
        <source>This office is not enrolled with a hub yet; press to enroll.</source>
        <translation>本单位尚未接入汇总端；点击进行接入。</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ui/sync_controller.py" line="181" />
        <source>This office is not enrolled with a hub yet. Choose Tools ▸ Enroll with a hub….</source>
        <extracomment>the client's one line on what the hub refused, or None builds the client in the worker, from the worker's connection (tests may wrap it) the outcome of the last sync of this session: (ok, message), or None before one the last sync's error in plain words ("" when it went well or was cancelled) how many changes the last sync saw refused (by the hub or by this ledger)</extracomment>
        <translation>本单位尚未接入汇总端。请选择“工具 ▸ 接入汇总端…”。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="247" />
        <source>Sync stopped. What was already exchanged is kept; the rest follows with the next sync.</source>
        <translation>同步已停止。已交换的内容都已保存，其余的下次同步时继续。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="281" />
        <source>The ledger file could not be used during the sync: {reason}</source>
        <translation>同步时无法使用台账文件：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="284" />
        <source>The sync failed because of an error in the program ({error}). Nothing was lost; please tell your county office.</source>
        <translation>程序出错，同步未完成（{error}）。数据没有丢失，请告知县团委。</translation>
    </message>
</context>
<context>
    <name>SyncDetailsDialog</name>
    <message>
        <location filename="../../ui/sync_widgets.py" line="306" />
        <source>Sync details</source>
        <translation>同步详情</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="326" />
        <source>Hub</source>
        <translation>汇总端</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="327" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="328" />
        <source>Unsynced changes</source>
        <translation>待同步修改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="329" />
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="330" />
        <source>Last error</source>
        <translation>上次错误</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="332" />
        <source>Refused changes (newest first)</source>
        <translation>被拒收的修改（最新的在前）</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="334" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="334" />
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="334" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="334" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="334" />
        <source>Refused by</source>
        <translation>拒收方</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="347" />
        <source>None: every change was taken.</source>
        <translation>无：所有修改都已被接收。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="350" />
        <source>A change the hub refused stays in this ledger but does not reach the hub; usually its record lies outside the area this office is enrolled for. Ask your county office.</source>
        <translation>被汇总端拒收的修改仍保存在本台账中，但不会上传到汇总端；通常是因为该记录不在本单位接入的范围之内。请咨询县团委。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="360" />
        <source>Sync &amp;now</source>
        <translation>立即同步(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="364" />
        <source>&amp;Enroll…</source>
        <translation>接入(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="395" />
        <source>not enrolled</source>
        <translation>尚未接入</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="400" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="413" />
        <source>this ledger</source>
        <translation>本台账</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="413" />
        <source>the hub</source>
        <translation>汇总端</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="416" />
        <source>Device {device}, change no. {seq}</source>
        <translation>设备 {device}，第 {seq} 条修改</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>修改单位</translation>
    </message>
    <message>
        <source>{office}, change no. {seq}
Device {device}</source>
        <translation>{office}，第 {seq} 条修改
设备 {device}</translation>
    </message>
    <message>
        <source>Continue under a new &amp;identity…</source>
        <translation>以新身份继续使用(&amp;I)…</translation>
    </message>
    <message>
        <source>New identity</source>
        <translation>新身份</translation>
    </message>
    <message>
        <source>This ledger is a copy of another computer's. It will continue as a new device; its changes the hub does not hold yet are sent under the new identity. Continue?</source>
        <translation>本台账是另一台电脑台账的副本。它将作为新设备继续使用；汇总端尚未收到的修改将以新身份发送。是否继续？</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../ui/sync_widgets.py" line="212" />
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="213" />
        <source>Syncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="213" />
        <source>Syncing {percent}%</source>
        <translation>同步中 {percent}%</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="216" />
        <location filename="../../ui/sync_widgets.py" line="235" />
        <source>Unsynced changes: {n}</source>
        <translation>待同步修改：{n}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="218" />
        <location filename="../../ui/sync_widgets.py" line="236" />
        <source>Last sync: {when}</source>
        <translation>上次同步：{when}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="226" />
        <source>{n} changes refused</source>
        <translation>{n} 条修改被拒收</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="233" />
        <source>Hub: {url}</source>
        <translation>汇总端：{url}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="233" />
        <source>Hub: not enrolled</source>
        <translation>汇总端：尚未接入</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="234" />
        <source>State: {state}</source>
        <translation>状态：{state}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="238" />
        <source>Last error: {error}</source>
        <translation>上次错误：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="240" />
        <source>Changes refused at the last sync: {n}</source>
        <translation>上次同步被拒收的修改：{n}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="241" />
        <source>Click for details.</source>
        <translation>点击查看详情。</translation>
    </message>
</context>
<context>
    <name>SyncUi</name>
    <message>
        <location filename="../../ui/sync_widgets.py" line="630" />
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="631" />
        <source>&amp;Enroll with a hub…</source>
        <translation>接入汇总端(&amp;E)…</translation>
    </message>
    <message>
        <source>Report / e&amp;xchange data</source>
        <translation>上报 / 交换数据(&amp;X)</translation>
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
    <message>
        <source>{who} changed the record since ({when}); undoing would throw their change away.</source>
        <translation>{who}之后修改了此记录（{when}），撤销会丢掉对方的修改。</translation>
    </message>
    <message>
        <source>“{step}” is no longer undone: {reason}</source>
        <translation>“{step}”不再撤销：{reason}</translation>
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
        <location filename="../../ui/models.py" line="225" />
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
    <name>_Texts</name>
    <message>
        <location filename="../../ui/sync_widgets.py" line="72" />
        <source>Online</source>
        <extracomment>The colour of each state's dot. Longest error text shown in the status bar (the whole text is in the tooltip).</extracomment>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="72" />
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="72" />
        <source>Syncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="73" />
        <source>Not enrolled with a hub</source>
        <translation>未接入汇总端</translation>
    </message>
    <message>
        <location filename="../../ui/sync_widgets.py" line="78" />
        <source>never</source>
        <translation>从未同步</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>trust the file without a phone check on the hub's statement it carries (both offices enrolled at the same hub)</source>
        <translation>不打电话，凭文件中中心服务器的证明信任该单位（双方在同一中心服务器注册）</translation>
    </message>
    <message>
        <source>the division code of the unit the other office confirmed on the phone: needed only with the check code of an older program, which covers the keys alone</source>
        <translation>对方在电话中确认的所属单位区划代码：仅在使用旧版程序的核对码（只核对密钥）时需要</translation>
    </message>
    <message>
        <source>The check code is an older program's: it confirms the keys of {office}, not its unit {scope}. Its packages are held until the unit is confirmed: ask on the phone whether the office is {unit} and add --unit {scope}, or have it read out the code its updated program shows.</source>
        <translation>这是旧版程序的核对码：它只确认 {office} 的密钥，不确认其所属单位 {scope}。在确认所属单位之前，该单位的数据包暂不导入：请在电话中问明对方是否为 {unit}，再加上 --unit {scope}；或请对方读出其新版程序显示的核对码。</translation>
    </message>
    <message>
        <source>The office's identity names the unit {scope}, not {unit} as confirmed on the phone. Nothing was trusted.</source>
        <translation>该单位的身份文件写的所属单位是 {scope}，而不是电话中确认的 {unit}。未信任任何内容。</translation>
    </message>
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
        <location filename="../../sync/hub/cli.py" line="45" />
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
        <location filename="../../sync/hub/cli.py" line="82" />
        <source>language of messages (default zh_CN)</source>
        <translation>提示信息的语言（默认 zh_CN）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="61" />
        <source>check that the program works: open a demo ledger (or --ledger) in the window, offscreen, and exit</source>
        <translation>自检：在后台打开演示台账（或 --ledger 指定的台账）的窗口后退出</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="64" />
        <source>create a new ledger for a unit</source>
        <translation>为本单位新建台账</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="65" />
        <source>division code of the home unit, e.g. 130111200</source>
        <translation>本单位的区划代码，例如 130111200</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="66" />
        <source>name of the person keeping the ledger</source>
        <translation>填报人姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="68" />
        <source>create a demo ledger filled with synthetic data</source>
        <translation>新建一个填满模拟数据的演示台账</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="69" />
        <source>division code: a township, county, prefecture or province</source>
        <translation>区划代码：乡镇、县、地市或省</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="70" />
        <source>random seed (the same seed gives the same data)</source>
        <translation>随机种子（相同种子生成相同数据）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="71" />
        <source>operator name</source>
        <translation>填报人姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="73" />
        <source>show the ledger's scope, record counts and pending changes</source>
        <translation>显示台账范围、各类记录数和待同步的修改</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="74" />
        <source>check the ledger file's integrity</source>
        <translation>检查台账文件是否完好</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="76" />
        <source>copy the ledger to a backup file</source>
        <translation>把台账备份到文件</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="77" />
        <source>backup file or folder</source>
        <translation>备份文件或文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="79" />
        <source>replace the ledger with a backup</source>
        <translation>用备份替换当前台账</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="80" />
        <source>backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="82" />
        <source>show who changed a record, when, and what</source>
        <translation>显示一条记录的修改历史（谁、何时、改了什么）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="83" />
        <source>the record's id</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="85" />
        <source>enroll this ledger with a hub, with a one-time code from the hub's administrator</source>
        <translation>用汇总端管理员提供的一次性接入码，将本台账接入汇总端</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="86" />
        <source>the hub's address, e.g. https://hub.example.cn</source>
        <translation>汇总端地址，例如 https://hub.example.cn</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="87" />
        <source>the one-time enrollment code</source>
        <translation>一次性接入码</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="88" />
        <source>a name for this computer, shown to the hub's administrator</source>
        <translation>本机名称，显示给汇总端管理员</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="89" />
        <source>an HTTP proxy to reach the hub through (saved for later syncs)</source>
        <translation>连接汇总端所用的 HTTP 代理（保存供以后同步使用）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="90" />
        <source>a file of CA certificates to verify the hub with (saved for later syncs)</source>
        <translation>用于验证汇总端的 CA 证书文件（保存供以后同步使用）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="92" />
        <source>send this ledger's changes to the hub and fetch everyone else's</source>
        <translation>将本台账的修改发送到汇总端，并取回其他单位的修改</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="99" />
        <source>start the program's window (the default)</source>
        <translation>打开程序窗口（默认）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="266" />
        <source>the CA bundle {path} does not exist</source>
        <translation>CA 证书文件 {path} 不存在</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="275" />
        <source>Enrolled with the hub {url} for {unit} ({scope}) as "{name}".</source>
        <translation>已在汇总端 {url} 接入：{unit}（{scope}），本机名称“{name}”。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="278" />
        <source>this ledger keeps {ledger} but the hub enrolled it for {scope}; the hub will refuse changes outside {scope}</source>
        <translation>本台账管理的是 {ledger}，但汇总端按 {scope} 接入；超出 {scope} 的修改将被拒收</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="298" />
        <source>Sent {sent} changes to the hub and received {received}.</source>
        <translation>已向汇总端发送 {sent} 条修改，收到 {received} 条。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="301" />
        <source>{n} values here were overwritten by others' concurrent edits; they are kept under conflicts.</source>
        <translation>本机有 {n} 个值被他人同时所做的修改覆盖，原值已保存在“冲突”中。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="304" />
        <source>{n} received changes are dated in the future (a wrong clock somewhere); they are flagged.</source>
        <translation>收到的 {n} 条修改时间在未来（某处时钟有误），已作标记。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="315" />
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="122" />
        <location filename="../../desktop/cli.py" line="347" />
        <location filename="../../sync/hub/cli.py" line="123" />
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="126" />
        <location filename="../../desktop/cli.py" line="347" />
        <location filename="../../sync/hub/cli.py" line="129" />
        <source>cannot use {path}: {reason}</source>
        <translation>无法使用 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="154" />
        <source>Created the ledger {path} for {unit} ({scope}).</source>
        <translation>已为{unit}（{scope}）新建台账 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="172" />
        <source>Created the demo ledger {path} for {unit} ({scope}).</source>
        <translation>已为{unit}（{scope}）新建演示台账 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="181" />
        <location filename="../../desktop/cli.py" line="347" />
        <location filename="../../sync/hub/cli.py" line="152" />
        <source>the whole country</source>
        <translation>全国</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="195" />
        <source>Ledger:   {path}</source>
        <translation>台账：    {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="196" />
        <source>Scope:    {unit} ({scope})</source>
        <translation>范围：    {unit}（{scope}）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="197" />
        <source>Operator: {name}</source>
        <translation>填报人：  {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="198" />
        <source>Device:   {device}</source>
        <translation>设备编号：{device}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="199" />
        <source>Schema:   version {version}</source>
        <translation>数据版本：{version}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="200" />
        <source>Records:</source>
        <translation>记录数：</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="202" />
        <source>Pending changes (not yet synced): {n}</source>
        <translation>待同步的修改：{n}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="205" />
        <source>Open conflicts: {n}</source>
        <translation>未处理的冲突：{n}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="215" />
        <source>the ledger has {n} problems; restore it from a backup</source>
        <translation>台账有 {n} 处问题，请从备份恢复</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="216" />
        <source>The ledger is intact.</source>
        <translation>台账完好。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="223" />
        <source>Backup written to {path}.</source>
        <translation>已备份到 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="233" />
        <source>Restored {path} from {backup}; the replaced ledger was kept as {old}.</source>
        <translation>已从 {backup} 恢复 {path}；被替换的台账保存为 {old}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="247" />
        <location filename="../../desktop/cli.py" line="348" />
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="247" />
        <location filename="../../desktop/cli.py" line="348" />
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="250" />
        <location filename="../../desktop/cli.py" line="348" />
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../ui/smoke.py" line="91" />
        <source>error</source>
        <comment>zh_CN</comment>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="20" />
        <source>data packages on a USB stick, for offices without a connection</source>
        <translation>U盘数据包，供不能联网的单位使用</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="21" />
        <source>write this computer's identity file (public keys) for another office</source>
        <translation>为其他单位写出本机的身份文件（公钥）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="22" />
        <source>the identity file to write</source>
        <translation>要写出的身份文件</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="23" />
        <source>trust another office's identity file, after comparing its fingerprint by phone</source>
        <translation>电话核对指纹后，信任其他单位的身份文件</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="24" />
        <source>the other office's identity file</source>
        <translation>对方单位的身份文件</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="25" />
        <source>the fingerprint the other office read out to you, e.g. ABCD-EFGH-IJKL-MNOP-QRST</source>
        <translation>对方单位念给您的指纹，例如 ABCD-EFGH-IJKL-MNOP-QRST</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="26" />
        <source>write a data package for another office</source>
        <translation>为其他单位写出数据包</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="27" />
        <source>the folder to write to (the USB stick)</source>
        <translation>写入的文件夹（U盘）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="28" />
        <source>the office it is for: its device id, division code, name or fingerprint</source>
        <translation>接收单位：设备编号、区划代码、名称或指纹</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="29" />
        <source>import a data package (or a receipt) from another office</source>
        <translation>导入其他单位的数据包（或回执）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="30" />
        <source>the package (.tlpkg) or receipt (.tlrcpt) file</source>
        <translation>数据包（.tlpkg）或回执（.tlrcpt）文件</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="31" />
        <source>write a receipt (what this ledger holds) for an office that sent a package</source>
        <translation>为发来数据包的单位写出回执（本台账已有的内容）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="32" />
        <source>show, per trusted office, the changes it has confirmed and those still only here</source>
        <translation>按已信任的单位显示：对方已确认的修改和仍只在本机的修改</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="34" />
        <source>Identity file written to {path}.</source>
        <translation>身份文件已写入 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="35" />
        <source>This computer's fingerprint (read it out on the phone): {fingerprint}</source>
        <translation>本机指纹（请在电话中念给对方）：{fingerprint}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="36" />
        <source>Trusted device {device} ({name}, scope {scope}), fingerprint {fingerprint}.</source>
        <translation>已信任设备 {device}（{name}，范围 {scope}），指纹 {fingerprint}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="37" />
        <source>Package written and checked: {path} ({count} changes, {blobs} attachments, {size} bytes).</source>
        <translation>数据包已写出并校验：{path}（{count} 条修改，{blobs} 个附件，{size} 字节）。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="38" />
        <source>Imported from {device}: {applied} new, {already} already here, {rejected} rejected; {acked} of our changes newly confirmed.</source>
        <translation>已导入来自 {device} 的数据：新增 {applied} 条，已有 {already} 条，拒绝 {rejected} 条；对方新确认了本机 {acked} 条修改。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="39" />
        <source>  rejected {origin}#{seq}: {reason}</source>
        <translation>  已拒绝 {origin}#{seq}：{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="40" />
        <source>Receipt written to {path}.</source>
        <translation>回执已写入 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="41" />
        <source>Receipt taken up: {acked} of our changes newly confirmed.</source>
        <translation>回执已导入：对方新确认了本机 {acked} 条修改。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="42" />
        <source>No trusted offices yet. Use: township-ledger package trust FILE --fingerprint XXXX-XXXX-XXXX-XXXX-XXXX</source>
        <translation>尚未信任任何单位。请使用：township-ledger package trust 文件 --fingerprint XXXX-XXXX-XXXX-XXXX-XXXX</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="43" />
        <source>device            scope      confirmed  pending  last export / last import  name</source>
        <translation>设备              范围       已确认     待送达   最近导出 / 最近导入          名称</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="44" />
        <source>never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_packages.py" line="45" />
        <source>choose one of: identity, trust, export, import, receipt, status</source>
        <translation>请选择其一：identity、trust、export、import、receipt、status</translation>
    </message>
    <message>
        <source>backup file or folder (default: the backups folder beside the ledger data)</source>
        <translation>备份文件或文件夹（默认：台账数据旁的备份文件夹）</translation>
    </message>
    <message>
        <source>there is no screen to show the window on (no display); use the commands, e.g. township-ledger info, or start it on the desktop</source>
        <translation>没有可以显示窗口的屏幕（无显示器）；请使用命令行，例如 township-ledger info，或在桌面上启动本程序</translation>
    </message>
    <message>
        <source>find records by their name or title (and their ids)</source>
        <translation>按名称或标题查找记录（并显示其编号）</translation>
    </message>
    <message>
        <source>part of a name or title, e.g. 王芳</source>
        <translation>名称或标题的一部分，例如 王芳</translation>
    </message>
    <message>
        <source>only records of this kind</source>
        <translation>只查这一类记录</translation>
    </message>
    <message>
        <source>the record's id (see the find command)</source>
        <translation>记录的编号（可用 find 命令查到）</translation>
    </message>
    <message>
        <source>list values here that a concurrent edit elsewhere replaced</source>
        <translation>列出本机被别处同时修改所替换的值</translation>
    </message>
    <message>
        <source>put my value of conflict N back</source>
        <translation>恢复第 N 个冲突中我的值</translation>
    </message>
    <message>
        <source>keep the other value of conflict N</source>
        <translation>保留第 N 个冲突中对方的值</translation>
    </message>
    <message>
        <source>no record has the id {id}; the find command shows ids</source>
        <translation>没有编号为 {id} 的记录；可用 find 命令查找编号</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>present</source>
        <translation>存在</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>say what to look for</source>
        <translation>请说明要查找的内容</translation>
    </message>
    <message>
        <source>(only the first {n} are listed; say more of the name)</source>
        <translation>（只列出前 {n} 条；请输入更完整的名称）</translation>
    </message>
    <message>
        <source>No record holds "{text}".</source>
        <translation>没有记录包含“{text}”。</translation>
    </message>
    <message>
        <source>Your value is back; it goes to the others with the next sync.</source>
        <translation>已恢复您的值，待同步：下次同步时发给其他单位。</translation>
    </message>
    <message>
        <source>The other value stays; the conflict is closed.</source>
        <translation>保留对方的值，此冲突已关闭。</translation>
    </message>
    <message>
        <source>No conflicts: every edit was merged.</source>
        <translation>没有冲突：所有修改均已合并。</translation>
    </message>
    <message>
        <source>[{n}] {kind} {title}, {field}: here {mine}; kept {theirs}, from {who} ({person}, {when})</source>
        <translation>[{n}] {kind}“{title}”的{field}：本机为 {mine}；保留的是 {theirs}，来自 {who}（{person}，{when}）</translation>
    </message>
    <message>
        <source>the identity file to write, or a folder (the USB stick) to write it into</source>
        <translation>要写入的身份文件，或写入到的文件夹（U盘）</translation>
    </message>
    <message>
        <source>trust the file without a phone check: it came on a stick the other office handed you in person</source>
        <translation>不经电话核对直接信任该文件：它在对方单位当面交给您的U盘上</translation>
    </message>
    <message>
        <source>confirm the office whose first package is held here, by the check code (fingerprint) its person read out on the phone; its packages are then imported</source>
        <translation>用对方经办人在电话里念出的核对码（指纹）确认首个数据包暂存在本机的单位；确认后导入其数据包</translation>
    </message>
    <message>
        <source>the office: its division code, device id or person's name</source>
        <translation>单位：其区划代码、设备编号或经办人姓名</translation>
    </message>
    <message>
        <source>Trusted: {office} (check code {fingerprint}, device {device}).</source>
        <translation>已信任：{office}（核对码 {fingerprint}，设备 {device}）。</translation>
    </message>
    <message>
        <source>Held, not imported yet: {count} changes from {office}, which this ledger does not trust yet. Phone that office, have its person read out the check code shown in its window (Data packages), and run: township-ledger package confirm {who} --fingerprint XXXX-XXXX-XXXX-XXXX-XXXX</source>
        <translation>已暂存，尚未导入：来自 {office} 的 {count} 条修改，本台账尚未信任该单位。请给该单位打电话，请经办人念出其窗口（数据包）中显示的核对码，然后运行：township-ledger package confirm {who} --fingerprint XXXX-XXXX-XXXX-XXXX-XXXX</translation>
    </message>
    <message>
        <source>held: {count} changes from {office} since {when}, waiting for the phone check (township-ledger package confirm {who} --fingerprint …)</source>
        <translation>暂存：来自 {office} 的 {count} 条修改（自 {when} 起），等待电话核对（township-ledger package confirm {who} --fingerprint …）</translation>
    </message>
    <message>
        <source>The held packages of {office} were imported: {applied} new, {already} already here, {rejected} rejected.</source>
        <translation>{office} 的暂存数据包已导入：新增 {applied} 条，已有 {already} 条，拒收 {rejected} 条。</translation>
    </message>
    <message>
        <source>No package of {who} is held here.</source>
        <translation>本机没有暂存 {who} 的数据包。</translation>
    </message>
    <message>
        <source>Imported from {office}: {applied} new, {already} already here, {rejected} rejected; {acked} of our changes newly confirmed.</source>
        <translation>已从 {office} 导入：新增 {applied} 条，已有 {already} 条，拒收 {rejected} 条；对方新确认收到本机修改 {acked} 条。</translation>
    </message>
    <message>
        <source>No trusted offices yet. Use: township-ledger package trust FILE --fingerprint XXXX-XXXX-XXXX-XXXX-XXXX (or import the other office's first package and confirm it)</source>
        <translation>尚未信任任何单位。请用：township-ledger package trust 文件 --fingerprint XXXX-XXXX-XXXX-XXXX-XXXX（或导入对方的第一个数据包后再确认）</translation>
    </message>
    <message>
        <source>confirmed  not yet confirmed  last export / last import  office</source>
        <translation>已确认  尚未确认  最近导出 / 最近导入  单位</translation>
    </message>
    <message>
        <source>Only here (no upper office has confirmed them yet): {n} changes</source>
        <translation>仅在本机（尚无上级确认收到）：{n} 条修改</translation>
    </message>
    <message>
        <source>choose one of: identity, trust, export, import, confirm, receipt, status</source>
        <translation>请选择其一：identity、trust、export、import、confirm、receipt、status</translation>
    </message>
    <message>
        <source>This computer's check code (its fingerprint: read it out when another office phones to check a package): {fingerprint}</source>
        <translation>本机核对码（即“指纹”：其他单位打电话核对数据包时请念给对方）：{fingerprint}</translation>
    </message>
    <message>
        <source>The ledger's clock ran {hours} hours ahead of real time; it is back.</source>
        <translation>台账的时钟比实际时间快了 {hours} 小时，现已校正。</translation>
    </message>
    <message>
        <source>also bring back a clock that runs ahead of real time (once this computer's date is right)</source>
        <translation>同时校正比实际时间快的台账时钟（请先把本机日期调准）</translation>
    </message>
    <message>
        <source>{unit}, {month}: {state}.</source>
        <translation>{unit} {month}：{state}。</translation>
    </message>
    <message>
        <source>Submitted {unit}'s report for {month} ({figures} figures frozen); due on {due} ({timely}). It goes to the level above with the next sync or data package.</source>
        <translation>已上报{unit} {month} 的月报（冻结 {figures} 项数据）；截止日期 {due}（{timely}）。下次同步或数据包将其送达上级。</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>The units below submit their report of {month} by day {day} of the next month.</source>
        <translation>下级单位须在次月 {day} 日前上报 {month} 的月报。</translation>
    </message>
    <message>
        <source>every month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>division code of the unit whose report it is, e.g. 130111200</source>
        <translation>月报所属单位的区划代码，例如 130111200</translation>
    </message>
    <message>
        <source>the month, YYYY-MM</source>
        <translation>月份，格式 YYYY-MM</translation>
    </message>
    <message>
        <source>submit this unit's monthly report (its figures, frozen)</source>
        <translation>上报本单位的月报（冻结其数据）</translation>
    </message>
    <message>
        <source>the month (default: the month being reported)</source>
        <translation>月份（默认为正在填报的月份）</translation>
    </message>
    <message>
        <source>approve (the month locks) or return a unit's monthly report</source>
        <translation>审核通过（该月锁定）或退回下级单位的月报</translation>
    </message>
    <message>
        <source>approve it: the month locks</source>
        <translation>审核通过：该月锁定</translation>
    </message>
    <message>
        <source>return it, saying why</source>
        <translation>退回，并说明原因</translation>
    </message>
    <message>
        <source>reopen a unit's approved month, saying why</source>
        <translation>重开下级单位已审核通过的月份，并说明原因</translation>
    </message>
    <message>
        <source>why it is reopened</source>
        <translation>重开原因</translation>
    </message>
    <message>
        <source>set the day of the next month by which the units below submit their report</source>
        <translation>设定下级单位须在次月几日前上报月报</translation>
    </message>
    <message>
        <source>a day from 1 to 28</source>
        <translation>1 至 28 之间的日期</translation>
    </message>
    <message>
        <source>only for this month (default: every month)</source>
        <translation>仅用于该月（默认为每月）</translation>
    </message>
    <message>
        <source>{office} refused {n} of the changes this office handed over:</source>
        <translation>{office}拒收了本单位交去的 {n} 条修改：</translation>
    </message>
    <message>
        <source>  {kind} {id} (change {origin}#{seq}): {reason}</source>
        <translation>  {kind} {id}（修改 {origin}#{seq}）：{reason}</translation>
    </message>
    <message>
        <source>{office} refused {n} of the changes this office handed over; they are listed above and in the window's sync details.</source>
        <translation>{office}拒收了本单位交去的 {n} 条修改；已在上面列出，窗口的同步详情中也可查看。这些修改仍保留在本机。</translation>
    </message>
    <message>
        <source>continue this ledger under a new device identity (a copy of another computer's ledger)</source>
        <translation>让本台账以新的设备身份继续使用（适用于另一台电脑台账的副本）</translation>
    </message>
    <message>
        <source>This ledger now continues as the device {new} (it was {old}); {n} of its changes the hub did not hold will be sent as the new device's.</source>
        <translation>本台账现以设备 {new} 的身份继续使用（原为 {old}）；汇总端尚未收到的 {n} 条修改将以新设备的名义发送。</translation>
    </message>
    <message>
        <source>Enroll it with a new code from the hub's administrator: township-ledger enroll --hub URL --code CODE</source>
        <translation>请向汇总端管理员索取新的接入码后接入：township-ledger enroll --hub 地址 --code 接入码</translation>
    </message>
    <message>
        <source>The hub {url} took it on in place of the old device; run township-ledger sync.</source>
        <translation>汇总端 {url} 已让它接替原设备；请运行 township-ledger sync。</translation>
    </message>
    <message>
        <source>{unit}: {n} tasks created</source>
        <translation>{unit}：已生成 {n} 项整改任务</translation>
    </message>
    <message>
        <source>{n} checklist templates written; they go to the units with the next sync or package.</source>
        <translation>已写入 {n} 条参考表项目；下次同步或数据包交换时送达各单位。</translation>
    </message>
    <message>
        <source>a unit's division code: issue the tables as its own (repeatable)</source>
        <translation>单位的区划代码：作为该单位自己的表下发（可重复，一县一表、一乡一表）</translation>
    </message>
    <message>
        <source>a checklist table file (JSON, as checklists.json)</source>
        <translation>参考表文件（JSON，格式同 checklists.json）</translation>
    </message>
    <message>
        <source>issue the tables of a file in the reference data's form</source>
        <translation>下发一个参考表文件（与内置参考数据格式相同）中的表</translation>
    </message>
    <message>
        <source>issue checklist tables (参考表, 八查八看) to the units below</source>
        <translation>向下级单位下发对标整改参考表和“八查八看”自查项</translation>
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
        <location filename="../../desktop/errors.py" line="121" />
        <source>The ledger {path} could not be saved: the disk is full. Nothing was changed; free some space on that disk and try again.</source>
        <translation>台账 {path} 无法保存：磁盘已满。台账没有任何改动；请在该磁盘上腾出空间后重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="127" />
        <source>The ledger {path} cannot be changed: the file or its folder is read-only. Nothing was changed; copy the ledger to a folder you can write to, or make it writable, and open it there.</source>
        <translation>台账 {path} 无法修改：文件或其所在文件夹是只读的。台账没有任何改动；请把台账复制到可以写入的文件夹（或取消只读）后在那里打开。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="144" />
        <source>{path} could not be written: the disk is full. Nothing was written there; free some space on that disk or choose another folder.</source>
        <translation>无法写入 {path}：磁盘已满。那里没有写入任何内容；请在该磁盘上腾出空间，或另选一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="148" />
        <source>{path} could not be written: the disk or folder is read-only or not yours. Nothing was written there; choose another folder.</source>
        <translation>无法写入 {path}：磁盘或文件夹是只读的，或您没有权限。那里没有写入任何内容；请另选一个文件夹。</translation>
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
        <location filename="../../desktop/ledger/merge.py" line="23" />
        <source>field {field}: {problem}</source>
        <translation>字段 {field}：{problem}</translation>
    </message>
    <message>
        <location filename="../../desktop/records/validation.py" line="22" />
        <source>"{value}" is not in its stored form "{stored}"</source>
        <translation>“{value}”不是存储格式“{stored}”</translation>
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
        <location filename="../../desktop/ledger.py" line="157" />
        <source>{path} already exists; choose another file or open it.</source>
        <translation>{path} 已存在，请另选文件或直接打开它。</translation>
    </message>
    <message>
        <location filename="../../desktop/hub_store.py" line="87" />
        <location filename="../../desktop/hub_store.py" line="95" />
        <source>The enrollment code is not valid.</source>
        <extracomment>Letters and digits without look-alikes (no I, L, O, 0, 1). Longest device or unit name kept.</extracomment>
        <translation>接入码无效。</translation>
    </message>
    <message>
        <location filename="../../desktop/hub_store.py" line="96" />
        <source>The enrollment code has already been used.</source>
        <translation>接入码已被使用。</translation>
    </message>
    <message>
        <location filename="../../desktop/hub_store.py" line="97" />
        <source>The enrollment code has expired; ask the hub's administrator for a new one.</source>
        <translation>接入码已过期，请向汇总端管理员索取新的接入码。</translation>
    </message>
    <message>
        <location filename="../../desktop/hub_store.py" line="98" />
        <source>This device has been revoked at the hub; only an enrollment code issued after the revocation lets it in again.</source>
        <translation>本设备已被汇总端停用；只有停用之后签发的接入码才能让它重新接入。</translation>
    </message>
    <message>
        <location filename="../../desktop/hub_store.py" line="220" />
        <location filename="../../desktop/ledger.py" line="159" />
        <location filename="../../desktop/report.py" line="675" />
        <location filename="../../sync/hub/cli.py" line="159" />
        <source>"{code}" is not a known division code.</source>
        <extracomment>the name the device gave when it enrolled the name the admin gave the enrollment code
----------
The reported metrics (``report_metric``) other than meetings, and the ledger's figure for each. counted from the units' reported figures (the ledger keeps no committees of this level) agricultural counties with a co-operative working committee townships (or the unit itself) that reported figures for the month the level of :attr:`units` (1 province … 4 township) codes of the units that reported figures for the month</extracomment>
        <translation>“{code}”不是有效的区划代码。</translation>
    </message>
    <message>
        <location filename="../../desktop/hub_store.py" line="223" />
        <source>Enter a name for the device or unit.</source>
        <translation>请填写设备或单位名称。</translation>
    </message>
    <message>
        <location filename="../../desktop/hub_store.py" line="225" />
        <source>The name is longer than {n} characters.</source>
        <translation>名称超过 {n} 个字。</translation>
    </message>
    <message>
        <location filename="../../desktop/hub_store.py" line="382" />
        <source>{path} is the ledger of a unit (scope {scope}), not the hub's ledger.</source>
        <translation>{path} 是单位台账（范围 {scope}），不是汇总端台账。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="161" />
        <location filename="../../desktop/ledger.py" line="283" />
        <source>Enter the operator's name.</source>
        <translation>请填写填报人姓名。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="333" />
        <source>Cannot sort by {field}.</source>
        <translation>不能按 {field} 排序。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="363" />
        <source>Cannot filter by {field}.</source>
        <translation>不能按 {field} 筛选。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="438" />
        <source>The ledger is open read-only.</source>
        <translation>台账以只读方式打开。</translation>
    </message>
    <message>
        <location filename="../../desktop/ledger.py" line="1043" />
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
    <message>
        <source>the change claims to come from this computer itself, which did not write it</source>
        <translation>这条修改自称来自本机，但本机并没有写过它</translation>
    </message>
    <message>
        <source>the change is dated {hours} hours ahead of this computer's clock: the clock of the computer that wrote it is wrong; it is kept there and sent again once its time has come or the clock is put right</source>
        <translation>这条修改的时间比本机时钟快 {hours} 小时：写它的电脑时钟不准；它留在那台电脑上，等时钟校正后会重新发送</translation>
    </message>
    <message>
        <source>a different change with the same origin and number ({origin} #{seq}) was received before</source>
        <translation>此前已收到同一来源、同一编号（{origin} 第 {seq} 条）但内容不同的修改</translation>
    </message>
    <message>
        <source>An administrator named "{name}" already exists.</source>
        <translation>已有名为“{name}”的管理员。</translation>
    </message>
    <message>
        <source>The password is too short: use at least {n} characters.</source>
        <translation>密码太短：请至少使用 {n} 个字符。</translation>
    </message>
    <message>
        <source>An administrator's name is 1 to 40 letters or digits, without spaces.</source>
        <translation>管理员用户名须为 1 到 40 个字母或数字，不能有空格。</translation>
    </message>
    <message>
        <source>only the level above ({scope} is this ledger) can verify a task of {code} or withdraw its verification</source>
        <translation>只有上级才能验收 {code} 的任务或撤回验收（本台账为 {scope}）</translation>
    </message>
    <message>
        <source>at least one evidence file</source>
        <translation>至少一份佐证材料</translation>
    </message>
    <message>
        <source>Before the task is done it needs {missing}.</source>
        <translation>标记完成前还缺：{missing}。</translation>
    </message>
    <message>
        <source>{month} of {unit} is locked: {reviewer} approved its monthly report ({when}). Records dated in that month can be changed once the level above reopens it.</source>
        <translation>{unit} {month} 的月报已由{reviewer}审核通过（{when}），该月已锁定。该月的记录须待上级重开后才能修改。</translation>
    </message>
    <message>
        <source>A ledger of all of China submits no monthly report.</source>
        <translation>全国台账不上报月报。</translation>
    </message>
    <message>
        <source>{month} has not begun yet: there is nothing to submit.</source>
        <translation>{month} 尚未开始，没有可上报的内容。</translation>
    </message>
    <message>
        <source>The report of {unit} for {month} is approved and locked; the level above reopens it before it can be submitted again.</source>
        <translation>{unit} {month} 的月报已审核通过并锁定；须由上级重开后才能再次上报。</translation>
    </message>
    <message>
        <source>Only a level above {unit} reviews its monthly report; this ledger is {scope}'s.</source>
        <translation>只有{unit}的上级才能审核其月报；本台账属于{scope}。</translation>
    </message>
    <message>
        <source>{unit} has not submitted its report for {month}.</source>
        <translation>{unit}尚未上报 {month} 的月报。</translation>
    </message>
    <message>
        <source>Say why: a reason is required.</source>
        <translation>请说明原因：原因必填。</translation>
    </message>
    <message>
        <source>The report of {unit} for {month} is already {state}.</source>
        <translation>{unit} {month} 的月报已是“{state}”状态。</translation>
    </message>
    <message>
        <source>The report of {unit} for {month} is not approved: there is nothing to reopen.</source>
        <translation>{unit} {month} 的月报尚未审核通过，无需重开。</translation>
    </message>
    <message>
        <source>The due day must be a day from 1 to {last}.</source>
        <translation>截止日须为 1 至 {last} 日之间的一天。</translation>
    </message>
    <message>
        <source>The due day is set for the units below; a ledger of a township has none below it and sets none.</source>
        <translation>截止日由上级为下级单位设定；乡镇台账没有下级单位，不设定截止日。</translation>
    </message>
    <message>
        <source>All of China submits no monthly report to anyone: there is no report of it to review; this ledger is {scope}'s.</source>
        <translation>全国不向任何单位上报月报，没有可审核的全国月报；本台账属于{scope}。</translation>
    </message>
    <message>
        <source>The first-sync file from the hub cannot be used: {detail}.</source>
        <translation>无法使用中心服务器发来的首次同步文件：{detail}。</translation>
    </message>
    <message>
        <source>The hub refused to let this device take over from the old one.</source>
        <translation>汇总端拒绝让本设备接替原设备。</translation>
    </message>
    <message>
        <source>"{code}" is not a {levels}</source>
        <translation>“{code}”不是{levels}</translation>
    </message>
    <message>
        <source>a done date needs the status "{done}"</source>
        <translation>填写完成日期时，状态须为“{done}”</translation>
    </message>
    <message>
        <source>only a case enters the excellent case library, not a {kind}</source>
        <translation>只有工作案例可入选优秀案例库，{kind}不能</translation>
    </message>
    <message>
        <source>the link ended on {ended}, before it began on {linked}</source>
        <translation>结束联系日期 {ended} 早于建立联系日期 {linked}</translation>
    </message>
    <message>
        <source>assessed on {date}, before the year {year} began</source>
        <translation>考核日期 {date} 早于考核年度 {year}</translation>
    </message>
    <message>
        <source>the term ends on {end}, before the election on {elected}</source>
        <translation>任期届满日期 {end} 不晚于换届日期 {elected}</translation>
    </message>
    <message>
        <source>a term lasts at most {years} years ({elected} to {end})</source>
        <translation>任期最长 {years} 年（{elected} 至 {end}）</translation>
    </message>
    <message>
        <source>province</source>
        <translation>省</translation>
    </message>
    <message>
        <source>prefecture</source>
        <translation>地市</translation>
    </message>
    <message>
        <source>county</source>
        <translation>县</translation>
    </message>
    <message>
        <source>township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>{unit} is not a unit under this ledger's scope {scope}</source>
        <translation>{unit} 不是本台账范围 {scope} 下的单位</translation>
    </message>
    <message>
        <source>the item number {code} appears twice</source>
        <translation>项目编号 {code} 出现了两次</translation>
    </message>
    <message>
        <source>{name} is not a checklist table: {problem}</source>
        <translation>{name} 不是参考表文件：{problem}</translation>
    </message>
    <message>
        <source>the change verifies or returns a task of {scope}, which only the level above that unit may do (the sender's scope is {author_scope})</source>
        <translation>该修改验收或退回了 {scope} 的整改任务，只有该单位的上级才能这样做（发送方范围为 {author_scope}）</translation>
    </message>
</context>
<context>
    <name>excel</name>
    <message>
        <location filename="../../desktop/cli_excel.py" line="42" />
        <source>import records from a spreadsheet (.xlsx, .xls, .xlsb, .ods) or a CSV file</source>
        <translation>从表格文件（.xlsx、.xls、.xlsb、.ods）或 CSV 文件导入记录</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="43" />
        <source>the file to import</source>
        <translation>要导入的文件</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="45" />
        <source>the kind of records the file holds</source>
        <translation>文件中记录的类型</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="46" />
        <source>township (or county) code: rows without an organisation belong to its committee</source>
        <translation>乡镇（或县）代码：未填所属组织的行归入其团委</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="48" />
        <source>check the file and show what would be imported, storing nothing</source>
        <translation>只检查文件并显示将导入的内容，不保存任何记录</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="50" />
        <source>where to write the rows with errors (default: FILE-errors.xlsx)</source>
        <translation>有错误的行写入的文件（默认：文件名-errors.xlsx）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="53" />
        <source>export records to an Excel workbook (.xlsx)</source>
        <translation>把记录导出为 Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="54" />
        <source>the workbook to write</source>
        <translation>要写入的工作簿</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="55" />
        <source>only this kind of records (default: the whole ledger, a sheet per kind)</source>
        <translation>只导出这类记录（默认：整个台账，每类记录一个工作表）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="57" />
        <source>only records under this division code (default: the whole ledger)</source>
        <translation>只导出该区划代码下的记录（默认：整个台账）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="76" />
        <source>To add: {add}   To update: {update}   Duplicates (skipped): {duplicate}   Errors: {error}</source>
        <translation>新增：{add}　更新：{update}　重复（跳过）：{duplicate}　错误：{error}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="79" />
        <source>Sheet {sheet} not imported: {reason}</source>
        <translation>工作表“{sheet}”未导入：{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="82" />
        <source>Columns not imported: {columns}</source>
        <translation>未导入的列：{columns}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="88" />
        <source>… and {n} more rows with errors</source>
        <translation>……另有 {n} 行有错误</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="102" />
        <source>The rows with errors were written to {path}; correct them there and import that file.</source>
        <translation>有错误的行已写入 {path}，请在其中更正后导入该文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="105" />
        <source>Dry run: nothing was stored.</source>
        <translation>试运行：未保存任何记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="110" />
        <source>Imported {added} new and {updated} updated records (undo batch {batch}).</source>
        <translation>已导入：新增 {added} 条，更新 {updated} 条（撤销批次 {batch}）。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="113" />
        <source>Nothing was imported.</source>
        <translation>未导入任何记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_excel.py" line="136" />
        <source>Wrote {n} records to {path}.</source>
        <translation>已将 {n} 条记录写入 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="60" />
        <source>New</source>
        <extracomment>Kinds that can be imported from Excel (attachments are files, not rows). Kinds with a blank template in ``resources/templates``. Kinds written by ``export_ledger`` (a sheet each).</extracomment>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="61" />
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="62" />
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="63" />
        <source>Has errors</source>
        <translation>有错误</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="65" />
        <source>Error</source>
        <translation>错误原因</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="85" />
        <source>"{value}" is not a date; write it as 1995-03-02, 1995.3.2, 1995年3月2日 or 19950302</source>
        <extracomment>Font colour of the example row of the blank templates; rows in it are not imported. Rows searched for the header (title rows and notes above it are common). Rows checked together by the dry run (a chunk with a bad row is checked again row by row). Excel shows these as errors; a cell holding one (a broken formula) is reported, and text equal to one is written as text on export. Characters Excel's XML cannot hold (copy-pasted control characters). A footer row whose first cell is one of these is not a record.</extracomment>
        <translation>“{value}”不是日期，请写成 1995-03-02、1995.3.2、1995年3月2日 或 19950302</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="86" />
        <source>"{value}" is not a month; write it as 2024-03 or 2024年3月</source>
        <translation>“{value}”不是月份，请写成 2024-03 或 2024年3月</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="87" />
        <source>the cell shows the Excel error {value}; correct the formula or type the value</source>
        <translation>单元格显示 Excel 错误值 {value}，请更正公式或直接填写数值</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="88" />
        <source>there is no organisation named "{value}" in this ledger</source>
        <translation>台账中没有名为“{value}”的团组织</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="89" />
        <source>"{value}" is the name of {count} organisations ({examples}); write the county or township before the name, e.g. {example}</source>
        <translation>有 {count} 个团组织名为“{value}”（{examples}），请在名称前加上县（区）或乡镇名，例如：{example}</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="90" />
        <source>"{value}" is neither a division code nor the name of a division in {scope}</source>
        <translation>“{value}”既不是区划代码，也不是{scope}内的区划名称</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="91" />
        <source>"{value}" is the name of several divisions ({examples}); write the division code</source>
        <translation>有多个区划名为“{value}”（{examples}），请填写区划代码</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="92" />
        <source>there is no {kind} "{value}" in this ledger</source>
        <translation>台账中没有{kind}“{value}”</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="93" />
        <source>"{value}" names {count} records of {kind}; write the record's id</source>
        <translation>有 {count} 条{kind}记录名为“{value}”，请填写记录编号</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="94" />
        <source>already in the ledger</source>
        <translation>台账中已有相同记录</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="95" />
        <source>the same as row {row}</source>
        <translation>与第 {row} 行相同</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="96" />
        <source>the same as row {row} of sheet {sheet}</source>
        <translation>与工作表“{sheet}”第 {row} 行相同</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="97" />
        <source>row {row} has the same {what} with different values; keep one of the two rows</source>
        <translation>第 {row} 行是同一{what}，但内容不同，请只保留其中一行</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="98" />
        <source>changes {fields}</source>
        <translation>将更新：{fields}</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="99" />
        <source>member (name and birth date or phone)</source>
        <translation>委员（姓名及出生日期或电话相同）</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="100" />
        <source>organisation</source>
        <translation>团组织</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="101" />
        <source>record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="102" />
        <source>Row {row}: {reason}</source>
        <translation>第 {row} 行：{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="103" />
        <source>Sheet {sheet}, row {row}: {reason}</source>
        <translation>工作表“{sheet}”第 {row} 行：{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="104" />
        <source>Grey row: an example, not imported. Columns marked * are required.</source>
        <translation>灰色行为填写示例，不会导入。带 * 的列为必填项。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="105" />
        <source>Choose a value from the list.</source>
        <translation>请从下拉列表中选择。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="106" />
        <source>Lists</source>
        <translation>选项</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="107" />
        <source>Choices for {label}</source>
        <translation>{label}选项</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="153" />
        <source>The Excel file could not be used.</source>
        <translation>无法使用该 Excel 文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="161" />
        <source>The file {name} does not exist.</source>
        <translation>文件 {name} 不存在。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="165" />
        <source>{name} cannot be opened: {reason}.</source>
        <translation>无法打开 {name}：{reason}。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="169" />
        <source>{name} cannot be written: it is open in another program (Excel or WPS?). Close it there and try again.</source>
        <translation>无法写入 {name}：该文件正被其他程序（Excel 或 WPS？）打开。请先关闭它再试。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="173" />
        <source>{name} is empty (0 bytes).</source>
        <translation>{name} 是空文件（0 字节）。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="177" />
        <source>{name} is a WPS spreadsheet (.et), which only WPS reads. Open it in WPS, save it as "Excel workbook (*.xlsx)" (File → Save as) and import that file.</source>
        <translation>{name} 是 WPS 表格文件（.et），只有 WPS 能读。请用 WPS 打开，另存为“Excel 工作簿（*.xlsx）”（文件 → 另存为），再导入新文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="181" />
        <source>{name} is password protected. Open it in Excel or WPS, remove the password (File → Info → Protect workbook), save it and import it again.</source>
        <translation>{name} 设有密码保护。请用 Excel 或 WPS 打开，取消密码（文件 → 信息 → 保护工作簿）并保存后，再重新导入。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="185" />
        <source>{name} is a text file in an encoding the program does not recognise. Open it in Excel or WPS, save it as "Excel workbook (*.xlsx)" or as "CSV UTF-8" and import that file.</source>
        <translation>{name} 是文本文件，但无法识别其编码。请用 Excel 或 WPS 打开，另存为“Excel 工作簿（*.xlsx）”或“CSV UTF-8”，再导入新文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="189" />
        <source>{name} is a web page or XML file with an Excel name (many web systems export such files). Open it in Excel or WPS and save it as "Excel workbook (*.xlsx)".</source>
        <translation>{name} 实际是网页或 XML 文件，只是使用了 Excel 的文件名（很多网上系统导出的就是这种文件）。请用 Excel 或 WPS 打开，另存为“Excel 工作簿（*.xlsx）”。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="193" />
        <source>{name} is not an Excel workbook.</source>
        <translation>{name} 不是 Excel 工作簿。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="197" />
        <source>{name} is damaged and cannot be read ({detail}). Open it in Excel or WPS; if it opens, save it under a new name and import that file.</source>
        <translation>{name} 已损坏，无法读取（{detail}）。请用 Excel 或 WPS 打开；如能打开，请另存为新文件后再导入。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="201" />
        <source>{name} contains no data.</source>
        <translation>{name} 中没有数据。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="205" />
        <source>No sheet of {name} has a header row for {kind}. One row above the data must name the columns, for example: {examples}.</source>
        <translation>{name} 中没有一个工作表含有{kind}的表头行。数据上方须有一行列名，例如：{examples}。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="209" />
        <source>Sheet {sheet} of {name} has no column for {columns}, which every {kind} needs.</source>
        <translation>{name} 的工作表“{sheet}”缺少以下列：{columns}，每条{kind}记录都必须填写。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="213" />
        <source>"{code}" is not a township or county inside this ledger's scope {scope}.</source>
        <translation>“{code}”不是本台账范围（{scope}）内的乡镇或县。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="217" />
        <source>{unit} has no league committee in this ledger yet. Add it (or import the organisations) first.</source>
        <translation>台账中还没有{unit}的团委。请先添加（或先导入团组织）。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="221" />
        <source>Records of kind {kind} cannot be imported from Excel.</source>
        <translation>{kind}不能从 Excel 导入。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="225" />
        <source>The ledger changed after the file was checked ({detail}); nothing was imported. Check the file again.</source>
        <translation>检查文件之后台账发生了变化（{detail}），未导入任何记录。请重新检查文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="692" />
        <source>China</source>
        <extracomment>rows (0-based) made of one merged cell across several columns: titles, notes rows (0-based) written in the example grey of the blank templates number formats of non-integer number cells that show a fixed number of decimals cells (0-based) holding an Excel error value (#N/A, #VALUE! …: a broken formula) 0-based index of the (last) header row; data follow it column (0-based) → field header text of every column ("" where blank)</extracomment>
        <translation>全国</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="995" />
        <source>no header row for this kind of record</source>
        <extracomment>Organisation kinds a record's organisation must have (for choosing among equal names). the header as the sheet writes it, else the field's label 0-based column in the sheet, None when the sheet has no such column has ``text(language)``: a FieldError or an ExcelText Excel row number the sheet row as read (every column) field → cell as read field → stored form (what is written for "add") the stored record an "update" or "duplicate" matches field → new value, for "update" why duplicate, what an update changes index of the earlier row of the file this one repeats sheets passed over: (name, why) — hidden, no header, required columns missing indexes into ``rows``, in the order they are written (parents before children)</extracomment>
        <translation>没有这类记录的表头行</translation>
    </message>
    <message>
        <location filename="../../desktop/excel.py" line="1002" />
        <source>no column for {columns}</source>
        <translation>缺少列：{columns}</translation>
    </message>
    <message>
        <location filename="../../desktop/excel/conversion.py" line="27" />
        <source>{value} was stored as a number, and a spreadsheet keeps only 15 digits of a number, so its last digits are lost; type it as text (put ' before it, or format the column as Text) and import again</source>
        <translation>{value} 以数字形式保存，而表格中的数字只保留 15 位，末几位已丢失；请按文本输入（前面加英文单引号 '，或把该列设为“文本”格式）后重新导入</translation>
    </message>
    <message>
        <source>import records from a photo, scan or scanned PDF of a printed table (.jpg, .png, .pdf; with --kind meeting, also a meeting's sign-in sheet; needs the scan component)</source>
        <translation>从纸质表格的照片、扫描件或扫描 PDF 导入记录（.jpg、.png、.pdf；--kind meeting 时也可导入会议签到表；需要扫描组件）</translation>
    </message>
    <message>
        <source>the photo, scan or scanned PDF to import</source>
        <translation>要导入的照片、扫描件或扫描 PDF</translation>
    </message>
    <message>
        <source>{n} cells were read with low confidence; compare them with the paper:</source>
        <translation>有 {n} 个单元格识别把握不大，请与纸质表格核对：</translation>
    </message>
    <message>
        <source>Row {row}, {column}: {text}</source>
        <translation>第 {row} 行，{column}：{text}</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……另有 {n} 个</translation>
    </message>
    <message>
        <source>The scan component is not installed, so photos and scans of paper tables cannot be read; install the program with its scan component.</source>
        <translation>未安装扫描组件，无法读取纸质表格的照片或扫描件；请安装带扫描组件的程序。</translation>
    </message>
    <message>
        <source>{name} is not a photo or scan the program can read (JPEG, PNG, BMP, TIFF or PDF).</source>
        <translation>{name} 不是程序能读取的照片或扫描件（JPEG、PNG、BMP、TIFF 或 PDF）。</translation>
    </message>
    <message>
        <source>{name} is not a PDF the program can read (damaged or password protected).</source>
        <translation>{name} 不是程序能读取的 PDF（文件已损坏或设有密码）。</translation>
    </message>
    <message>
        <source>No table with a header row for {kind} was found on {name}. Photograph the whole table, header included, straight from above in good light.</source>
        <translation>在 {name} 上没有找到带{kind}表头的表格。请在光线充足处从正上方拍摄整张表格（包括表头）。</translation>
    </message>
    <message>
        <source>{n} records to complete: no {fields}</source>
        <translation>{n} 条记录待补全：缺少 {fields}</translation>
    </message>
    <message>
        <source>{column}: "{word}" ×{n} is not a known value; answer with --map {word}=VALUE</source>
        <translation>{column}：“{word}” ×{n} 不是可选值；请用 --map {word}=取值 指定它代表的值</translation>
    </message>
    <message>
        <source>Row {row}: the remarks give the exit date {date} (--apply-exits writes it)</source>
        <translation>第 {row} 行：备注中写有退出日期 {date}（加 --apply-exits 即写入）</translation>
    </message>
    <message>
        <source>{n} of them are incomplete: complete them in the table.</source>
        <translation>其中 {n} 条为待补全记录，请在表格中补全。</translation>
    </message>
    <message>
        <source>one value for every row the file gives none, e.g. 任职方式=兼职 (the field by its Chinese or English label; repeatable)</source>
        <translation>为文件中没有该值的每一行统一填写一个值，如 任职方式=兼职（字段用中文或英文名称；可重复）</translation>
    </message>
    <message>
        <source>the value a word of a choice column stands for, e.g. 村干部=其他 (by label or code; remembered by the ledger; repeatable)</source>
        <translation>选项列中某个词代表的值，如 村干部=其他（用名称或代码；台账会记住；可重复）</translation>
    </message>
    <message>
        <source>write the exit dates found in the remarks column (e.g. "2024年5月调离") as the members' exit dates</source>
        <translation>把备注列中写明的退出日期（如“2024年5月调离”）写入委员的退出日期</translation>
    </message>
    <message>
        <source>refuse rows that lack required values instead of importing them as incomplete</source>
        <translation>缺少必填值的行不导入（默认作为待补全记录导入）</translation>
    </message>
    <message>
        <source>to complete: no {fields}</source>
        <translation>待补全：缺少 {fields}</translation>
    </message>
    <message>
        <source>the remarks give the exit date {date}</source>
        <translation>备注中写有退出日期 {date}</translation>
    </message>
    <message>
        <source>The value given for {column} cannot be used: {reason}</source>
        <translation>为“{column}”填写的值无法使用：{reason}</translation>
    </message>
    <message>
        <source>"{name}" is not a column of {kind}; write its Chinese or English label (e.g. {example}).</source>
        <translation>“{name}”不是{kind}的列；请写列的中文或英文名称（如 {example}）。</translation>
    </message>
    <message>
        <source>"{value}" is not a value of {column}; choose one of {allowed}.</source>
        <translation>“{value}”不是“{column}”的可选值；请从以下选择：{allowed}。</translation>
    </message>
    <message>
        <source>"{text}" is not of the form NAME=VALUE.</source>
        <translation>“{text}”的格式应为 名称=值。</translation>
    </message>
    <message>
        <source>import records from a photo or scan of a printed table (.jpg, .png; needs the scan component)</source>
        <translation>从纸质表格的照片或扫描件导入记录（.jpg、.png；需要扫描组件）</translation>
    </message>
    <message>
        <source>the photo or scan to import</source>
        <translation>要导入的照片或扫描件</translation>
    </message>
    <message>
        <source>{name} is not a photo or scan the program can read (JPEG, PNG, BMP or TIFF).</source>
        <translation>{name} 不是程序能读取的照片或扫描件（JPEG、PNG、BMP 或 TIFF）。</translation>
    </message>
    <message>
        <source>a task is done only with {missing}: import it as in progress, then attach the evidence in the checklist and mark it done there</source>
        <translation>任务须有{missing}才能标为已完成：请先按“整改中”导入，在“对标整改”页附上佐证材料后再标为完成</translation>
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
    <message>
        <source>Reason for return</source>
        <translation>退回原因</translation>
    </message>
    <message>
        <source>Proof of completion</source>
        <translation>完成要求</translation>
    </message>
    <message>
        <source>Figures submitted</source>
        <translation>上报数据</translation>
    </message>
    <message>
        <source>Submitted at</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>First submitted at</source>
        <translation>首次上报时间</translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation>上报人</translation>
    </message>
    <message>
        <source>Reviewing unit</source>
        <translation>审核单位</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审核结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Submission reviewed</source>
        <translation>所审核的上报</translation>
    </message>
    <message>
        <source>Reviewed at</source>
        <translation>审核时间</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>设定单位</translation>
    </message>
    <message>
        <source>Due day of the next month</source>
        <translation>次月截止日</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Work item</source>
        <translation>工作事项</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Issue number</source>
        <translation>期号</translation>
    </message>
    <message>
        <source>Excellent case library</source>
        <translation>入选优秀案例库</translation>
    </message>
    <message>
        <source>Unit contacted</source>
        <translation>联系单位</translation>
    </message>
    <message>
        <source>Contact official</source>
        <translation>联系干部</translation>
    </message>
    <message>
        <source>Official's office</source>
        <translation>所在机关</translation>
    </message>
    <message>
        <source>Official's post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Linked since</source>
        <translation>建立联系日期</translation>
    </message>
    <message>
        <source>Linked until</source>
        <translation>结束联系日期</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>考核等次</translation>
    </message>
    <message>
        <source>Award or honour</source>
        <translation>评优表彰</translation>
    </message>
    <message>
        <source>Assessed by</source>
        <translation>考核单位</translation>
    </message>
    <message>
        <source>Assessed on</source>
        <translation>考核日期</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Elected on</source>
        <translation>换届日期</translation>
    </message>
    <message>
        <source>Term ends on</source>
        <translation>任期届满日期</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>书记</translation>
    </message>
    <message>
        <source>Committee members (number)</source>
        <translation>委员人数</translation>
    </message>
    <message>
        <source>Rectification task</source>
        <translation>整改任务</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>查摆问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>自查结果</translation>
    </message>
    <message>
        <source>Self-inspection item</source>
        <translation>自查项目</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>自查期间</translation>
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
    <name>hub</name>
    <message>
        <source>show the public key the hub signs device statements with, and its check code</source>
        <translation>显示中心服务器签发设备证明所用的公钥及其核对码</translation>
    </message>
    <message>
        <source>choose a command: serve, enroll, devices, revoke, key or admin</source>
        <translation>请选择命令：serve、enroll、devices、revoke、key 或 admin</translation>
    </message>
    <message>
        <source>The hub's signing key (it signs the statements of each device's unit and keys):</source>
        <translation>中心服务器的签名密钥（用于签发每台设备所属单位和密钥的证明）：</translation>
    </message>
    <message>
        <source>Its check code (printed on enrollment slips; offices compare it): {code}</source>
        <translation>其核对码（印在注册单上，供各单位核对）：{code}</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="64" />
        <source>{value} is not a whole number of days</source>
        <translation>{value} 不是整数天数</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="66" />
        <source>the code must be valid for 1 to 365 days</source>
        <translation>接入码有效期应为 1 至 365 天</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="76" />
        <source>{value} is not a port number (0-65535)</source>
        <translation>{value} 不是端口号（0-65535）</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="81" />
        <source>The sync hub of Township Ledger: serve it and manage its devices.</source>
        <translation>团建台账汇总端：运行汇总服务并管理接入设备。</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="85" />
        <source>the hub's ledger file (default: $TOWNSHIP_HUB_DB)</source>
        <translation>汇总端台账文件（默认：环境变量 TOWNSHIP_HUB_DB）</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="88" />
        <source>run the hub (creates its ledger on first start)</source>
        <translation>运行汇总端（首次运行时新建台账）</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="89" />
        <source>address to listen on (default 127.0.0.1)</source>
        <translation>监听地址（默认 127.0.0.1）</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="91" />
        <source>port to listen on (default {port}; 0 picks a free one)</source>
        <translation>监听端口（默认 {port}；0 表示自动选择空闲端口）</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="93" />
        <source>how much the hub logs on stderr (default info)</source>
        <translation>日志详细程度（默认 info）</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="95" />
        <source>read connections to the ledger at most (default {n})</source>
        <translation>台账读取连接数上限（默认 {n}）</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="98" />
        <source>worker threads for requests at most (default 40)</source>
        <translation>处理请求的工作线程数上限（默认 40）</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="60" />
        <source>{value} is not a number from 1 to 1000</source>
        <translation>{value} 不是 1 到 1000 之间的数</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="95" />
        <source>issue a one-time enrollment code for a device</source>
        <translation>为设备生成一次性接入码</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="96" />
        <source>division code the device will work for</source>
        <translation>设备所属单位的区划代码</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="97" />
        <source>name of the office or device</source>
        <translation>单位或设备名称</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="98" />
        <source>days the code stays valid (default 14)</source>
        <translation>接入码有效天数（默认 14）</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="100" />
        <source>list enrolled devices</source>
        <translation>列出已接入的设备</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="101" />
        <source>only devices within this division code</source>
        <translation>只列出该区划代码下的设备</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="103" />
        <source>revoke a device's token</source>
        <translation>停用设备的令牌</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="104" />
        <source>the device id (16 hex digits)</source>
        <translation>设备编号（16 位十六进制）</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="117" />
        <source>choose a command: serve, enroll, devices or revoke</source>
        <translation>请选择命令：serve、enroll、devices 或 revoke</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="127" />
        <source>cannot use the hub's ledger: {reason}</source>
        <translation>无法使用汇总端台账：{reason}</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="137" />
        <source>say which hub ledger to use: --db PATH or ${env}</source>
        <translation>请指定汇总端台账：--db 路径 或 环境变量 ${env}</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="144" />
        <source>no hub ledger at {path}; start the hub once with: township-hub serve --db {path}</source>
        <translation>{path} 处没有汇总端台账；请先运行一次：township-hub serve --db {path}</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="195" />
        <source>cannot listen on {host}:{port}: {reason}</source>
        <translation>无法监听 {host}:{port}：{reason}</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="208" />
        <source>listening on {url}</source>
        <translation>正在监听 {url}</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="235" />
        <source>Created the hub ledger {path}.</source>
        <translation>已新建汇总端台账 {path}。</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="239" />
        <source>One-time enrollment code for "{name}", {unit} ({scope}), valid until {until}:</source>
        <translation>“{name}”（{unit}，{scope}）的一次性接入码，有效期至 {until}：</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="253" />
        <source>No devices are enrolled.</source>
        <translation>还没有设备接入。</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="255" />
        <source>revoked</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="256" />
        <source>DEVICE</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="256" />
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="256" />
        <source>SCOPE</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="257" />
        <source>LAST CONTACT</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="257" />
        <source>PENDING</source>
        <translation>待下发</translation>
    </message>
    <message>
        <source>CLOCK (S)</source>
        <translation>时钟偏差（秒）</translation>
    </message>
    <message>
        <source>REFUSED</source>
        <translation>被拒收</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="257" />
        <source>REVOKED</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="277" />
        <source>Revoked device {device} ("{name}", {scope}); its token no longer works. To let it in again, issue it a new enrollment code.</source>
        <translation>已停用设备 {device}（“{name}”，{scope}），其令牌不再有效。如需让它重新接入，请为它签发新的接入码。</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" line="280" />
        <source>Device {device} was revoked already.</source>
        <translation>设备 {device} 早已停用。</translation>
    </message>
    <message>
        <location filename="../../sync/hub/cli.py" />
        <source>enrollment attempts a minute per client address (default {n})</source>
        <translation>每个客户端地址每分钟可尝试接入的次数（默认 {n}）</translation>
    </message>
    <message>
        <source>accounts of the admin page (/admin)</source>
        <translation>管理页面（/admin）的账号</translation>
    </message>
    <message>
        <source>add an account, or list them</source>
        <translation>添加账号，或列出账号</translation>
    </message>
    <message>
        <source>the account's name (for add)</source>
        <translation>账号的用户名（添加时）</translation>
    </message>
    <message>
        <source>the division the account sees and manages (default: the whole hub)</source>
        <translation>该账号可查看和管理的区划（默认：整个汇总端）</translation>
    </message>
    <message>
        <source>choose a command: serve, enroll, devices, revoke or admin</source>
        <translation>请选择命令：serve、enroll、devices、revoke 或 admin</translation>
    </message>
    <message>
        <source>Password: </source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>The same password again: </source>
        <translation>再输入一次密码：</translation>
    </message>
    <message>
        <source>the two passwords differ; nothing was changed</source>
        <translation>两次输入的密码不一致，未做任何修改</translation>
    </message>
    <message>
        <source>No admin accounts yet: add one with "township-hub admin add NAME".</source>
        <translation>还没有管理账号：请用“township-hub admin add 用户名”添加。</translation>
    </message>
    <message>
        <source>the whole hub</source>
        <translation>整个汇总端</translation>
    </message>
    <message>
        <source>name the account: township-hub admin add NAME</source>
        <translation>请给出账号的用户名：township-hub admin add 用户名</translation>
    </message>
    <message>
        <source>Added the admin account "{name}" for {unit}; sign in at the hub's address + /admin.</source>
        <translation>已添加管理账号“{name}”，管辖范围：{unit}。请在汇总端地址后加 /admin 登录。</translation>
    </message>
    <message>
        <source>hours an unfinished attachment upload is kept for the device to resume it (default {n})</source>
        <translation>未传完的附件保留多少小时，供设备续传（默认 {n}）</translation>
    </message>
    <message>
        <source>{value} is not a number of hours up to 8760</source>
        <translation>{value} 不是不超过 8760 的小时数</translation>
    </message>
    <message>
        <source>the hub's ledger file, or a PostgreSQL database as postgresql://user@host:port/name (default: $TOWNSHIP_HUB_DB)</source>
        <translation>汇总端台账文件，或 PostgreSQL 数据库地址 postgresql://用户@主机:端口/库名（默认：环境变量 TOWNSHIP_HUB_DB）</translation>
    </message>
    <message>
        <source>folder for this process's snapshot files (default: beside the ledger file; with a database, a temporary folder)</source>
        <translation>本进程存放快照文件的文件夹（默认：台账文件旁；使用数据库时为临时文件夹）</translation>
    </message>
    <message>
        <source>division code the device will work for ("" for a national office: the whole country)</source>
        <translation>设备所属单位的区划代码（全国性机关填 ""，即全国）</translation>
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
    <message>
        <source>Monthly submission</source>
        <translation>月报上报</translation>
    </message>
    <message>
        <source>Review of a monthly submission</source>
        <translation>月报审核</translation>
    </message>
    <message>
        <source>Report due day</source>
        <translation>月报截止日</translation>
    </message>
    <message>
        <source>Monthly work plan item</source>
        <translation>每月工作安排</translation>
    </message>
    <message>
        <source>Case or brief</source>
        <translation>案例与简报</translation>
    </message>
    <message>
        <source>Contact point</source>
        <translation>联系点</translation>
    </message>
    <message>
        <source>Annual assessment</source>
        <translation>年度考核评优</translation>
    </message>
    <message>
        <source>Village branch term</source>
        <translation>村团组织换届</translation>
    </message>
    <message>
        <source>Self-inspection answer</source>
        <translation>八查八看自查</translation>
    </message>
</context>
<context>
    <name>packages</name>
    <message>
        <source>The hub's statement about {office} cannot be used.</source>
        <translation>中心服务器关于 {office} 的证明无法使用。</translation>
    </message>
    <message>
        <source>The hub's statement about {office} does not carry a valid signature of the hub (hub check code {hub}): it was altered or forged. Nothing was trusted; phone that office.</source>
        <translation>中心服务器关于 {office} 的证明没有中心服务器的有效签名（服务器核对码 {hub}）：它被改动过或是伪造的。未信任任何内容，请给该单位打电话核实。</translation>
    </message>
    <message>
        <source>The statement about {office} is signed by a hub this ledger does not know (hub check code {hub}). Its unit cannot be taken from it: confirm the office by phone with its check code.</source>
        <translation>关于 {office} 的证明由本台账不认识的中心服务器签发（服务器核对码 {hub}），不能据此确认其所属单位：请打电话用该单位的核对码确认。</translation>
    </message>
    <message>
        <source>The hub's statement names {office} with unit {stated} and other details than the office claims (unit {claimed}). It may be forged; nothing was trusted. Phone that office.</source>
        <translation>中心服务器的证明中 {office} 的所属单位为 {stated}，与该单位自称的信息（单位 {claimed}）不符。它可能是伪造的，未信任任何内容。请给该单位打电话核实。</translation>
    </message>
    <message>
        <source>The data package comes from {office}, whose keys are trusted but whose unit is not confirmed yet (it was checked with an older program's code, which covers the keys alone). It is kept, not imported, until the unit is confirmed: phone that office and type the check code its window shows now, or confirm its unit with the old code.</source>
        <translation>该数据包来自 {office}：其密钥已信任，但所属单位尚未确认（当时用的是旧版程序的核对码，只核对密钥）。数据包已保留、暂不导入，直到确认其所属单位：请给该单位打电话，输入其窗口中现在显示的核对码，或在用旧核对码时一并确认其所属单位。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="83" />
        <source>The data package could not be used.</source>
        <extracomment>Refuse absurd members before reading them into memory (a county's year is a few MB). Fields of each kind that are personal data (encrypted in packages).</extracomment>
        <translation>无法使用该数据包。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="91" />
        <source>The data package {path} is damaged or incomplete ({detail}); nothing was imported. Copy it again from the sender's computer.</source>
        <translation>数据包 {path} 已损坏或不完整（{detail}），未导入任何内容。请从发送方电脑重新拷贝。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="95" />
        <source>{path} is an unfinished package (its writing was interrupted); nothing was imported. Export the package again.</source>
        <translation>{path} 是未写完的数据包（写入时被中断），未导入任何内容。请重新导出数据包。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="99" />
        <source>The signature of the data package {path} does not match its contents: it was changed after it was written. Nothing was imported.</source>
        <translation>数据包 {path} 的签名与内容不符：写出后被改动过。未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="103" />
        <source>The data package comes from device {device} (fingerprint {fingerprint}), which this ledger does not trust yet. Trust its identity file first, after comparing the fingerprint by phone.</source>
        <translation>该数据包来自设备 {device}（指纹 {fingerprint}），本台账尚未信任该设备。请先电话核对指纹，再信任其身份文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="107" />
        <source>The data package claims to come from device {device} but is signed with a different key (fingerprint {fingerprint}, trusted: {trusted}). Nothing was imported; ask the sender by phone.</source>
        <translation>该数据包自称来自设备 {device}，但签名密钥不同（指纹 {fingerprint}，已信任的是 {trusted}）。未导入任何内容，请电话询问发送方。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="111" />
        <source>The data package is meant for device {receiver}, not for this ledger ({device}). Nothing was imported.</source>
        <translation>该数据包是发给设备 {receiver} 的，不是发给本台账（{device}）的。未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="115" />
        <source>The data package was written by a newer version of the program (schema {found}, this program knows {known}). Nothing was imported; please update the program.</source>
        <translation>该数据包由更新版本的程序写出（数据结构版本 {found}，本程序支持到 {known}）。未导入任何内容，请升级程序。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="119" />
        <source>The data package {path} could not be written correctly ({detail}). Check the USB stick and export again.</source>
        <translation>数据包 {path} 未能正确写出（{detail}）。请检查U盘后重新导出。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="123" />
        <source>No trusted device {device}. Trust its identity file first.</source>
        <translation>没有已信任的设备 {device}。请先信任其身份文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="127" />
        <source>A data package is always for one known device; choose the device it is for.</source>
        <translation>数据包只能发给一个已知设备，请选择接收的设备。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="131" />
        <source>{path} is not a valid device identity file ({detail}).</source>
        <translation>{path} 不是有效的设备身份文件（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="135" />
        <source>The fingerprint does not match: the file shows {actual}, you entered {entered}. Do not trust this file; ask the other office again.</source>
        <translation>指纹不一致：文件中为 {actual}，您输入的是 {entered}。请不要信任此文件，再向对方单位核实。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="139" />
        <source>Device {device} is already trusted with another key (fingerprint {trusted}); the new fingerprint is {fingerprint}. Remove the old trust first if the office really has a new computer.</source>
        <translation>设备 {device} 已用另一把密钥被信任（指纹 {trusted}），新的指纹是 {fingerprint}。如果对方确实换了电脑，请先删除原来的信任。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="143" />
        <source>{path} is not a valid receipt ({detail}).</source>
        <translation>{path} 不是有效的回执（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../desktop/packages.py" line="147" />
        <source>record scope {scope} lies outside this ledger's scope {own}</source>
        <extracomment>Reason a received change is rejected: it is none of this ledger's business.</extracomment>
        <translation>记录范围 {scope} 不在本台账的范围 {own} 之内</translation>
    </message>
    <message>
        <source>The data package comes from {office}, which this ledger does not trust yet (check code {fingerprint}). Import it again: it is kept until that office's person confirms the check code on the phone.</source>
        <translation>该数据包来自 {office}，本台账尚未信任该单位（核对码 {fingerprint}）。请重新导入：数据包会暂存，直到对方经办人在电话里确认核对码。</translation>
    </message>
    <message>
        <source>The data package claims to come from {office} but carries other keys than the ones trusted for that office (check code {fingerprint}, trusted: {trusted}). It may be forged; nothing was imported. Phone that office.</source>
        <translation>该数据包自称来自 {office}，但所带密钥与已信任的不同（核对码 {fingerprint}，已信任：{trusted}）。它可能是伪造的，未导入任何内容。请给该单位打电话核实。</translation>
    </message>
    <message>
        <source>The data package is meant for {receiver}, not for this office ({office}). Nothing was imported.</source>
        <translation>该数据包是发给 {receiver} 的，不是发给本单位（{office}）的。未导入任何内容。</translation>
    </message>
    <message>
        <source>No trusted office {device}. Confirm the office first (its identity file, or its first package and a phone call).</source>
        <translation>没有已信任的单位 {device}。请先确认该单位（用其身份文件，或其第一个数据包加一次电话核对）。</translation>
    </message>
    <message>
        <source>The check code (fingerprint) does not match: you entered {entered}, which is not the code of this office's keys. Do not trust it; phone the office again and have the code read out slowly.</source>
        <translation>核对码（指纹）不符：您输入的是 {entered}，不是该单位电脑的核对码。请不要信任；请再给该单位打电话，请对方慢慢念一遍。</translation>
    </message>
    <message>
        <source>{office} is already trusted with other keys (check code {trusted}); the new check code is {fingerprint}. Remove the old trust first if the office really has a new computer.</source>
        <translation>{office} 已按另一套密钥信任（核对码 {trusted}）；新的核对码是 {fingerprint}。如果该单位确实换了电脑，请先取消原来的信任。</translation>
    </message>
    <message>
        <source>No package of {office} is waiting here any more.</source>
        <translation>本机已没有等待中的 {office} 的数据包。</translation>
    </message>
    <message>
        <source>{unit} Youth League</source>
        <translation>{unit}团委</translation>
    </message>
    <message>
        <source>{office}-identity</source>
        <translation>{office}-身份</translation>
    </message>
    <message>
        <source>The identity file of {office} carries no hub's statement (that office has not enrolled with a hub, or its program is older). Its unit cannot be taken on a hub's word: confirm the office by phone with its check code.</source>
        <translation>{office} 的身份文件中没有中心服务器的证明（该单位尚未在中心服务器登记，或其程序版本较旧），不能据此确认其所属单位：请打电话用该单位的核对码确认。</translation>
    </message>
</context>
<context>
    <name>report</name>
    <message>
        <location filename="../../desktop/cli_report.py" line="22" />
        <source>the monthly report of a unit: a summary, and the Excel form and PDF on request</source>
        <extracomment>Units of the reminders list printed (the Excel form and the PDF have them all).</extracomment>
        <translation>生成单位月报：输出摘要，并可导出 Excel 表和 PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_report.py" line="23" />
        <source>division code of the unit (default: the ledger's own; "" = all of China)</source>
        <translation>单位的区划代码（默认为本台账的单位；"" 表示全国）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_report.py" line="24" />
        <source>the month, YYYY-MM (default: last month)</source>
        <translation>月份，格式 YYYY-MM（默认为上个月）</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_report.py" line="25" />
        <source>write the Excel form to this file</source>
        <translation>将 Excel 表写入此文件</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_report.py" line="26" />
        <source>write the PDF (A4) to this file</source>
        <translation>将 PDF（A4）写入此文件</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_report.py" line="27" />
        <source>Excel form written to {path}.</source>
        <translation>Excel 表已写入 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_report.py" line="28" />
        <source>PDF written to {path}.</source>
        <translation>PDF 已写入 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_report.py" line="29" />
        <source>writing a PDF needs the program's Qt components (PySide6), which are missing: {reason}</source>
        <translation>导出 PDF 需要程序的 Qt 组件（PySide6），但缺少：{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_report.py" line="31" />
        <source>Units to remind ({n}):</source>
        <translation>需提醒的单位（{n} 个）：</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_report.py" line="32" />
        <source>  … and {n} more (see the Excel form).</source>
        <translation>  ……另有 {n} 个（见 Excel 表）。</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_report.py" line="33" />
        <source>silent</source>
        <translation>本月未更新</translation>
    </message>
    <message>
        <location filename="../../desktop/cli_report.py" line="34" />
        <source>{n} figure(s) differ</source>
        <translation>{n} 项数据不一致</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="60" />
        <source>Provinces</source>
        <extracomment>What the units of each level are called in the report.</extracomment>
        <translation>省（区、市）</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="61" />
        <source>Prefectures</source>
        <translation>地市</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="62" />
        <source>Counties</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="63" />
        <source>Townships</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="68" />
        <source>Committee members now</source>
        <extracomment>The figures the per-unit bar chart can show (key → label); :meth:`UnitFigures.value`.</extracomment>
        <translation>现有团委委员</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="69" />
        <source>Committee members added</source>
        <translation>新增团委委员</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="70" />
        <source>Committee members exited</source>
        <translation>退出团委委员</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="71" />
        <source>Township committees</source>
        <translation>乡镇团委</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="72" />
        <source>Townships that held a mobilisation meeting</source>
        <translation>已召开动员会的乡镇</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="73" />
        <source>Mobilisation meeting held (% of townships)</source>
        <translation>已召开动员会的乡镇占比</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="74" />
        <source>Townships that held a review meeting</source>
        <translation>已召开总结述评会的乡镇</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="75" />
        <source>Review meeting held (% of townships)</source>
        <translation>已召开总结述评会的乡镇占比</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="76" />
        <source>Directly affiliated organisations</source>
        <translation>直属团组织</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="77" />
        <source>New directly affiliated organisations</source>
        <translation>新建直属团组织</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="78" />
        <source>Revoked (e.g. hollow)</source>
        <translation>已撤销（空壳化等）</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="79" />
        <source>Under rectification</source>
        <translation>整顿中</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="80" />
        <source>Agricultural counties with a co-operative working committee</source>
        <translation>建有农村合作组织团工委的涉农县</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="81" />
        <source>Agricultural counties covered (%)</source>
        <translation>涉农县覆盖率</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="82" />
        <location filename="../../desktop/report.py" line="1028" />
        <source>WeChat groups</source>
        <translation>团青微信群</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="83" />
        <source>Young people reached</source>
        <translation>联系团员青年</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="84" />
        <source>Townships with 20,000 yuan funding secured</source>
        <translation>落实2万元经费的乡镇</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="85" />
        <source>Funding secured (% of townships)</source>
        <translation>落实2万元经费的乡镇占比</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="86" />
        <source>Checklist tasks done</source>
        <translation>已完成整改任务</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="87" />
        <source>Checklist tasks verified</source>
        <translation>已验收整改任务</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="88" />
        <source>Checklist tasks done (%)</source>
        <translation>整改任务完成率</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="89" />
        <source>Townships that updated their ledger</source>
        <translation>本月更新台账的乡镇</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="90" />
        <source>Townships that updated their ledger (%)</source>
        <translation>填报及时率（本月更新台账的乡镇占比）</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="91" />
        <location filename="../../desktop/report.py" line="1002" />
        <source>Units to remind</source>
        <translation>需提醒的单位</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="116" />
        <source>All of China</source>
        <extracomment>The figures of :data:`UNIT_FIGURES` that are shares (0…1), shown as percentages. The headline figures compared with the previous month, in the order of the overview.</extracomment>
        <translation>全国</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="117" />
        <source>Monthly report of {unit}, {month}</source>
        <translation>{unit} {month} 月报</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="118" />
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页 / 共 {pages} 页</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="119" />
        <source>Cannot write {path}.</source>
        <translation>无法写入 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="120" />
        <source>Computed from the ledger on {when}; compared with {previous}.</source>
        <translation>根据台账于 {when} 生成；与 {previous} 对比。</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="121" />
        <source>… and {n} more rows (see the Excel form).</source>
        <translation>……另有 {n} 行（见 Excel 表）。</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="122" />
        <source>no secretary on record</source>
        <translation>台账中无书记</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="123" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="124" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="125" />
        <source>as reported</source>
        <translation>按上报数</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="126" />
        <source>ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="127" />
        <source>Every township updated its ledger and no reported figure differs.</source>
        <translation>各乡镇本月均已更新台账，上报数据与台账一致。</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="128" />
        <source>No reported figure of this month differs from the ledger.</source>
        <translation>本月上报数据与台账一致。</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="890" />
        <source>Headline figures</source>
        <extracomment>"text", "int", "share" (0…1, shown as a percentage), "change" (a signed int) names of the chart's series (default: the columns' titles)</extracomment>
        <translation>主要指标</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="891" />
        <location filename="../../desktop/report.py" line="937" />
        <location filename="../../desktop/report.py" line="1015" />
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="892" />
        <location filename="../../desktop/report.py" line="902" />
        <location filename="../../desktop/report.py" line="938" />
        <source>Change</source>
        <translation>增减</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="892" />
        <location filename="../../desktop/report.py" line="901" />
        <location filename="../../desktop/report.py" line="914" />
        <location filename="../../desktop/report.py" line="938" />
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="893" />
        <source>Share last month</source>
        <translation>上月占比</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="899" />
        <source>Committee members by source</source>
        <translation>团委委员来源构成</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="900" />
        <source>Source category</source>
        <translation>来源类别</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="906" />
        <source>Committee members by unit</source>
        <translation>各单位团委委员</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="914" />
        <source>Units</source>
        <translation>单位数</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="915" />
        <source>Mobilisation meeting held</source>
        <translation>已召开动员会</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="915" />
        <source>Review meeting held</source>
        <translation>已召开总结述评会</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="917" />
        <source>Meetings held, per level</source>
        <translation>各层级召开会议情况</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="918" />
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="919" />
        <source>Counted from</source>
        <translation>统计依据</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="922" />
        <source>Townships and counties count their own committee's meetings held by the month's end; prefectures and provinces, which have no committee in the ledger, count as they reported.</source>
        <translation>乡镇、县按本级团委截至月末召开的会议统计；地市、省在台账中没有本级团委，按其上报数统计。</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="926" />
        <source>Townships that held the meetings, by unit</source>
        <translation>各单位召开会议的乡镇</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="931" />
        <source>Meetings held (% of townships)</source>
        <translation>召开会议的乡镇占比</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="935" />
        <source>Directly affiliated organisations and co-operative working committees</source>
        <translation>直属团组织和农村合作组织团工委</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="941" />
        <source>Agricultural counties (with at least one rural township): {n}.</source>
        <translation>涉农县（至少有一个乡或镇）：{n} 个。</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="945" />
        <source>Organisations by unit</source>
        <translation>各单位团组织</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="948" />
        <source>Agricultural counties</source>
        <translation>涉农县</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="949" />
        <source>With a co-operative working committee</source>
        <translation>建有农村合作组织团工委</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="958" />
        <source>WeChat groups by unit</source>
        <translation>各单位团青微信群</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="964" />
        <source>Townships with 20,000 yuan funding secured, by unit</source>
        <translation>各单位落实2万元经费的乡镇</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="965" />
        <source>Funding secured</source>
        <translation>已落实经费</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="971" />
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="971" />
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="972" />
        <source>Verified</source>
        <translation>已验收</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="975" />
        <source>Checklist progress by system</source>
        <translation>各体系对标整改进度</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="976" />
        <source>System</source>
        <translation>体系</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="977" />
        <location filename="../../desktop/report.py" line="984" />
        <source>Done (%)</source>
        <translation>完成率</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="977" />
        <source>Done last month</source>
        <translation>上月已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="980" />
        <source>All systems</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="983" />
        <source>Checklist progress by unit</source>
        <translation>各单位对标整改进度</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="989" />
        <source>Timeliness by unit</source>
        <translation>各单位填报及时情况</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="991" />
        <source>Silent</source>
        <translation>未更新</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="992" />
        <source>Reported figures</source>
        <translation>已上报数据</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="995" />
        <source>{updated} of {total} townships updated their ledger in {month} ({share}); {reported} units reported figures.</source>
        <translation>{month} 共 {total} 个乡镇中有 {updated} 个更新了台账（{share}）；{reported} 个单位上报了数据。</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1000" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1000" />
        <source>Within</source>
        <translation>所属</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1003" />
        <location filename="../../desktop/report.py" line="1014" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1004" />
        <source>Silent this month</source>
        <translation>本月未更新</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1005" />
        <source>Differing figures</source>
        <translation>不一致的数据项</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1006" />
        <source>Secretary</source>
        <translation>书记</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1006" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1013" />
        <source>Reported figures that differ from the ledger</source>
        <translation>上报数据与台账不一致</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1015" />
        <source>Reported</source>
        <translation>上报数</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1016" />
        <source>Ledger</source>
        <translation>台账数</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1016" />
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1017" />
        <source>Reported by</source>
        <translation>填报人</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1017" />
        <source>Reported on</source>
        <translation>上报日期</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1024" />
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1025" />
        <source>Members by source</source>
        <translation>委员来源</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1026" />
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1027" />
        <source>Organisations</source>
        <translation>团组织</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1029" />
        <source>Funding</source>
        <translation>经费</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1030" />
        <source>Checklist</source>
        <translation>对标整改</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1031" />
        <source>Timeliness and reminders</source>
        <translation>填报及时与提醒</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1032" />
        <source>Reported vs ledger</source>
        <translation>上报与台账对比</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1045" />
        <source>  {level}: {units}; mobilisation meeting {mob} ({mob_share}), review meeting {rev} ({rev_share})</source>
        <translation>  {level}：{units} 个；已召开动员会 {mob} 个（{mob_share}），已召开总结述评会 {rev} 个（{rev_share}）</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1049" />
        <source>  Co-operative working committees: {n} of {agri} agricultural counties ({share})</source>
        <translation>  农村合作组织团工委：{agri} 个涉农县中已建 {n} 个（{share}）</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1053" />
        <source>  Checklist: {done} of {total} tasks done, {verified} verified</source>
        <translation>  对标整改：{total} 项任务已完成 {done} 项，已验收 {verified} 项</translation>
    </message>
    <message>
        <location filename="../../desktop/report.py" line="1056" />
        <source>Timeliness: {updated} of {total} townships updated their ledger ({share}); {silent} silent; {diff} reported figures differ; {lagging} units to remind.</source>
        <translation>填报及时：{total} 个乡镇中 {updated} 个更新了台账（{share}），{silent} 个未更新；{diff} 项上报数据与台账不一致；需提醒 {lagging} 个单位。</translation>
    </message>
    <message>
        <source>print every figure as JSON instead of the summary: for each figure its value, numerator and denominator (the units the division list expects), and the expected, reporting, on-time and silent units with their codes; keys sorted and stable</source>
        <translation>以 JSON 输出全部数据（代替摘要）：每项数据的数值、分子和分母（分母为区划表中应报的单位），以及应报、已报、按时更新和未报单位及其代码；键名按序排列、保持稳定</translation>
    </message>
    <message>
        <source>JSON keys (--json):</source>
        <translation>JSON 键名（--json）：</translation>
    </message>
    <message>
        <source>not in the ledger</source>
        <translation>台账中无记录</translation>
    </message>
    <message>
        <source>Expected and silent townships, by unit</source>
        <translation>应报与未报乡镇（分单位）</translation>
    </message>
    <message>
        <source>Silent (%)</source>
        <translation>未报（%）</translation>
    </message>
    <message>
        <source>Silent townships (%)</source>
        <translation>未报乡镇（%）</translation>
    </message>
    <message>
        <source>Silent townships</source>
        <translation>未报乡镇</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>{silent} of the {expected} townships expected (every rural township of the division list in scope) are silent in {month}: {unknown} have no records in the ledger, {quiet} did not change it.</source>
        <translation>{month}，应报的 {expected} 个乡镇（区划表中范围内的全部乡镇）中有 {silent} 个未报：其中 {unknown} 个在台账中没有任何记录，{quiet} 个本月未更新台账。</translation>
    </message>
    <message>
        <source>Silent units</source>
        <translation>未报单位</translation>
    </message>
    <message>
        <source>Townships expected (division list)</source>
        <translation>应报乡镇数（区划表）</translation>
    </message>
    <message>
        <source>no records in the ledger</source>
        <translation>台账中无记录</translation>
    </message>
    <message>
        <source>no change this month</source>
        <translation>本月未更新</translation>
    </message>
    <message>
        <source>version of this layout</source>
        <translation>本格式的版本号</translation>
    </message>
    <message>
        <source>the level of the units below in by_unit (1 province … 4 township)</source>
        <translation>by_unit 中下级单位的层级（1 省 … 4 乡镇）</translation>
    </message>
    <message>
        <source>{as_of, count, listed, tasks: [{unit: {code, name, within}, title, system, responsible, deadline, status, days}], by_unit: [{code, name, count}]} checklist tasks past their deadline and not done</source>
        <translation>{as_of, count, listed, tasks: [{unit: {code, name, within}, title, system, responsible, deadline, status, days}], by_unit: [{code, name, count}]} 已过期限仍未完成的清单任务</translation>
    </message>
    <message>
        <source>{total, units: [{code, name, figures}], terms, terms_listed, horizon} the work ledger: work plan items, cases and briefs, branch terms and the other figures of its section, in all and by unit (the villages due listed at a county's scope or below)</source>
        <translation>{total, units: [{code, name, figures}], terms, terms_listed, horizon} 工作台账：每月工作计划、案例与简报、村团组织换届及该部分的其他数据，合计及分单位（需换届的村在县及以下范围逐一列出）</translation>
    </message>
    <message>
        <source>{code, name} of the unit reported on ("" = all of China)</source>
        <translation>{code, name}：报表单位（"" 表示全国）</translation>
    </message>
    <message>
        <source>the month, YYYY-MM; previous_month: the one compared with</source>
        <translation>月份，YYYY-MM；previous_month：对比的上月</translation>
    </message>
    <message>
        <source>when the report was computed</source>
        <translation>报表生成时间</translation>
    </message>
    <message>
        <source>figure -&gt; {value, numerator, denominator, previous}</source>
        <translation>数据项 -&gt; {value 数值, numerator 分子, denominator 分母, previous 上月}</translation>
    </message>
    <message>
        <source>[{level, units, mobilisation, review, reported}] meetings per level</source>
        <translation>[{level, units, mobilisation, review, reported}] 各级会议召开情况</translation>
    </message>
    <message>
        <source>{expected, reporting, on_time, silent}: the units with their codes</source>
        <translation>{expected 应报, reporting 已报数, on_time 按时更新, silent 未报}：单位及其代码</translation>
    </message>
    <message>
        <source>[{code, name, figures}] every figure of each unit one level below</source>
        <translation>[{code, name, figures}] 下一级各单位的全部数据</translation>
    </message>
    <message>
        <source>[{code, metric, reported, ledger}] figures reported unlike the ledger</source>
        <translation>[{code, metric, reported, ledger}] 上报数与台账不一致的数据</translation>
    </message>
    <message>
        <source>Expected: {expected} townships (division list); {silent} silent, {unknown} of them with no records in the ledger.</source>
        <translation>应报：{expected} 个乡镇（区划表）；{silent} 个未报，其中 {unknown} 个在台账中没有任何记录。</translation>
    </message>
    <message>
        <source>Prepared by</source>
        <translation>填报人</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>盖章处</translation>
    </message>
    <message>
        <source>the month, YYYY-MM (default: the month being reported: last month until its report is due (the 5th, or the day the level above set), then this month)</source>
        <translation>月份，格式 YYYY-MM（默认为正在填报的月份：上月月报截止日（5 日，或上级设定的日期）前为上个月，之后为本月）</translation>
    </message>
    <message>
        <source>Monthly submissions</source>
        <translation>月报上报情况</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Submitted at</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>{on_time} of {units} units submitted their report of {month} by the due day ({share}); {approved} approved and locked.</source>
        <translation>{units} 个单位中有 {on_time} 个在截止日前上报了 {month} 月报（{share}）；{approved} 个已审核通过并锁定。</translation>
    </message>
    <message>
        <source>Submitted figures the ledger no longer agrees with</source>
        <translation>上报数据与台账现有数据不一致</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>上报数</translation>
    </message>
    <message>
        <source>Ledger now</source>
        <translation>台账现值</translation>
    </message>
    <message>
        <source>Changes made after a submission, such as those received from other offices into an approved month, show here.</source>
        <translation>上报之后的修改（例如从其他单位收到的、属于已审核通过月份的修改）列于此处。</translation>
    </message>
    <message>
        <source>Every submission agrees with the ledger.</source>
        <translation>所有上报数据均与台账一致。</translation>
    </message>
    <message>
        <source>Submissions</source>
        <translation>月报上报</translation>
    </message>
    <message>
        <source>[{code, state, due_on, submitted_at, on_time, review, figures, discrepancies}] each unit's monthly submission</source>
        <translation>[{code, state, due_on, submitted_at, on_time, review, figures, discrepancies}] 各单位的月报上报情况</translation>
    </message>
    <message>
        <source>the unit's own submission to the level above (same form), or null</source>
        <translation>本单位向上级的上报（格式相同），或 null</translation>
    </message>
    <message>
        <source>Submissions: {on_time} of {units} units submitted by the due day ({share}); {approved} approved; {differing} differ from the ledger since.</source>
        <translation>月报上报：{units} 个单位中有 {on_time} 个按时上报（{share}）；{approved} 个已审核通过；{differing} 个上报后与台账不一致。</translation>
    </message>
    <message>
        <source>Records to complete, by unit</source>
        <translation>待补全记录（按单位）</translation>
    </message>
    <message>
        <source>Records to complete</source>
        <translation>待补全记录</translation>
    </message>
    <message>
        <source>Records imported without some required values count here until they are completed in the table; {n} in all.</source>
        <translation>导入时缺少必填项的记录（待补全）在表格中补全之前都计入此处；共 {n} 条。</translation>
    </message>
    <message>
        <source>  Records to complete: {n}</source>
        <translation>  待补全记录：{n} 条</translation>
    </message>
    <message>
        <source>funding by source (fen), publicity and its average per unit below, unified activities per month, demonstration units, venues, co-operative organisations, rectified organisations, and each by unit</source>
        <translation>经费来源（单位：分）、宣传信息及下级单位平均数、每月统一活动、示范单位、阵地、农村合作组织团组织、整顿后恢复正常的团组织，以及各项的分单位数</translation>
    </message>
    <message>
        <source>Received by the month's end (yuan)</source>
        <translation>截至月末到位（元）</translation>
    </message>
    <message>
        <source>Shaded cells are the figures a unit froze in its submission of the month; the others are computed from the ledger, a past month from its records as they were at its end.</source>
        <translation>底色标出的是单位月报上报时冻结的数；其余由台账计算，过去的月份按当月末记录的状态计算。</translation>
    </message>
    <message>
        <source>--pdf is for the monthly report, not the trends.</source>
        <translation>--pdf 只用于月报，不用于趋势。</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>活动次数</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>参加人数</translation>
    </message>
    <message>
        <source>Budgeted (yuan)</source>
        <translation>预算（元）</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Demonstration level</source>
        <translation>示范级别</translation>
    </message>
    <message>
        <source>Demonstration units</source>
        <translation>示范单位</translation>
    </message>
    <message>
        <source>Demonstration units, venues and co-operative organisations, by unit</source>
        <translation>各单位示范单位、阵地和农村合作组织团组织</translation>
    </message>
    <message>
        <source>Entries of {year}. Support from the upper league: {amount} yuan received by {orgs} organisations ({each} yuan each on average).</source>
        <translation>{year}年经费。上级团组织支持：{orgs}个组织共到位{amount}元（平均每个{each}元）。</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>Funding by source</source>
        <translation>经费来源</translation>
    </message>
    <message>
        <source>Funding received (yuan)</source>
        <translation>经费到位（元）</translation>
    </message>
    <message>
        <source>Funding received, by unit</source>
        <translation>各单位经费到位</translation>
    </message>
    <message>
        <source>Items this month</source>
        <translation>本月条数</translation>
    </message>
    <message>
        <source>Items this year</source>
        <translation>本年条数</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>League organisations in co-operatives</source>
        <translation>农村合作组织团组织</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Nationwide unified activities, month by month</source>
        <translation>全国性统一活动（逐月）</translation>
    </message>
    <message>
        <source>New this month</source>
        <translation>本月新建</translation>
    </message>
    <message>
        <source>Of which from the upper league (yuan)</source>
        <translation>其中上级团组织支持（元）</translation>
    </message>
    <message>
        <source>Opened this month</source>
        <translation>本月新建</translation>
    </message>
    <message>
        <source>Organisation kind</source>
        <translation>组织类型</translation>
    </message>
    <message>
        <source>Organisations funded</source>
        <translation>获得经费的组织</translation>
    </message>
    <message>
        <source>Organisations that held one</source>
        <translation>开展活动的组织</translation>
    </message>
    <message>
        <source>Publicity and unified activities, by unit</source>
        <translation>各单位宣传信息和统一活动</translation>
    </message>
    <message>
        <source>Publicity items by channel</source>
        <translation>宣传信息（按渠道）</translation>
    </message>
    <message>
        <source>Publicity items this month</source>
        <translation>本月宣传信息条数</translation>
    </message>
    <message>
        <source>Received this month (yuan)</source>
        <translation>本月到位（元）</translation>
    </message>
    <message>
        <source>Received, all sources (yuan)</source>
        <translation>到位经费合计（元）</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Share of received</source>
        <translation>占到位经费</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>The nationwide unified activities (全国性统一活动) are held monthly from July to October.</source>
        <translation>全国性统一活动于7月至10月每月开展。</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Trends of {unit}, {first} to {last}</source>
        <translation>{unit}趋势（{first}至{last}）</translation>
    </message>
    <message>
        <source>Unified activities this month</source>
        <translation>本月统一活动次数</translation>
    </message>
    <message>
        <source>Venues (youth homes and shared service venues)</source>
        <translation>阵地（青年之家、共享服务阵地等）</translation>
    </message>
    <message>
        <source>Venues</source>
        <translation>阵地</translation>
    </message>
    <message>
        <source>the trends instead of the report: each figure per unit below for the 12 months ending at the month (frozen where a unit submitted); --json prints them all, --xlsx writes a sheet per figure</source>
        <translation>输出趋势而不是月报：下级各单位截至该月的12个月的各项数字（单位已上报的月份取上报时冻结的数）；--json 输出全部，--xlsx 每项数字写一个工作表</translation>
    </message>
    <message>
        <source>with --trends: only this figure (may be repeated): {figures}</source>
        <translation>与 --trends 同用：只输出这项数字（可重复）：{figures}</translation>
    </message>
    <message>
        <source>{n} items published in {month}; {average} per unit of the {units} {level} on average.</source>
        <translation>{month}共发布宣传信息{n}条；{units}个{level}平均每个{average}条。</translation>
    </message>
    <message>
        <source>Publicity and activities</source>
        <translation>宣传与活动</translation>
    </message>
    <message>
        <source>Demonstration, venues, co-operatives</source>
        <translation>示范·阵地·合作组织</translation>
    </message>
    <message>
        <source>Rectification</source>
        <translation>整顿</translation>
    </message>
    <message>
        <source>Organisations back to active after rectification</source>
        <translation>整顿（软弱涣散）后恢复正常的团组织</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>团组织</translation>
    </message>
    <message>
        <source>Back to active on</source>
        <translation>恢复正常日期</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>{back} organisations went from under rectification (整顿, 软弱涣散) back to active in {month}; {entered} were put under rectification. From the change log: the ledger keeps only the current status.</source>
        <translation>{month}有{back}个团组织由整顿中（软弱涣散）恢复正常，{entered}个转入整顿。据修改记录统计：台账只保存当前状态。</translation>
    </message>
    <message>
        <source>Back to active after rectification, by unit</source>
        <translation>各单位整顿后恢复正常的团组织</translation>
    </message>
    <message>
        <source>Back to active after rectification</source>
        <translation>整顿后恢复正常</translation>
    </message>
    <message>
        <source>Co-operative organisations</source>
        <translation>农村合作组织团组织</translation>
    </message>
    <message>
        <source>New co-operative organisations</source>
        <translation>新建农村合作组织团组织</translation>
    </message>
    <message>
        <source>Demonstration units, venues and co-operative organisations</source>
        <translation>示范单位、阵地和农村合作组织团组织</translation>
    </message>
    <message>
        <source>the problem list's rules: show them and their thresholds, set or reset a threshold, or list the problems of a unit and month</source>
        <translation>问题清单的规则：显示各项规则及其阈值，设置或恢复某个阈值，或列出某单位某月的问题</translation>
    </message>
    <message>
        <source>list the rules and the thresholds in force</source>
        <translation>列出各项规则及当前阈值</translation>
    </message>
    <message>
        <source>set a threshold of this ledger (e.g. hollow_months 4)</source>
        <translation>设置本台账的阈值（如 hollow_months 4）</translation>
    </message>
    <message>
        <source>set a threshold back to its default</source>
        <translation>将阈值恢复为默认值</translation>
    </message>
    <message>
        <source>list the problems of a unit and month</source>
        <translation>列出某单位某月的问题</translation>
    </message>
    <message>
        <source>the threshold</source>
        <translation>阈值名称</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>{key} = {value}</source>
        <translation>{key} = {value}</translation>
    </message>
    <message>
        <source>default {value}</source>
        <translation>默认 {value}</translation>
    </message>
    <message>
        <source>No rule finds a problem in {unit} for {month}.</source>
        <translation>{unit} {month} 未发现问题。</translation>
    </message>
    <message>
        <source>{n} problem(s) in {unit} for {month}:</source>
        <translation>{unit} {month} 共有 {n} 个问题：</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题数</translation>
    </message>
    <message>
        <source>Problems by rule</source>
        <translation>各规则问题数</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>{n} problems in all; the rules' thresholds are set with "township-ledger rules set".</source>
        <translation>共 {n} 个问题；规则的阈值用“township-ledger rules set”设置。</translation>
    </message>
    <message>
        <source>Problems by unit</source>
        <translation>各单位问题数</translation>
    </message>
    <message>
        <source>Problem list</source>
        <translation>问题清单</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>No rule finds a problem.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <source>{evaluated, counts, by_unit, thresholds, list: [{rule, severity, code, name, kind, id, text}]} the problem list (evaluated for a prefecture and below)</source>
        <translation>{evaluated, counts, by_unit, thresholds, list: [{rule, severity, code, name, kind, id, text}]} 问题清单（地市及以下单位生成）</translation>
    </message>
    <message>
        <source>The problem list is made for a prefecture, a county or a township: choose one of them.</source>
        <translation>问题清单按地市、县或乡镇生成：请选择其中一个单位。</translation>
    </message>
    <message>
        <source>Work ledger</source>
        <translation>工作台账</translation>
    </message>
    <message>
        <source>Work plan, cases and branch terms by unit</source>
        <translation>各单位工作计划、案例与换届情况</translation>
    </message>
    <message>
        <source>Plan items this month</source>
        <translation>本月计划事项</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>工作案例</translation>
    </message>
    <message>
        <source>Briefs</source>
        <translation>专题简报</translation>
    </message>
    <message>
        <source>Into a case library</source>
        <translation>入选案例库</translation>
    </message>
    <message>
        <source>Village branch terms</source>
        <translation>村团组织任期</translation>
    </message>
    <message>
        <source>Ending soon</source>
        <translation>即将届满</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期未换届</translation>
    </message>
    <message>
        <source>{done} of {planned} work plan items of {month} done ({share}; postponed and cancelled items not counted); {cases} cases and {briefs} briefs; {library} cases in an excellent case library by the month's end.</source>
        <translation>{month} 计划事项 {planned} 项，已完成 {done} 项（{share}；顺延、取消的不计）；工作案例 {cases} 篇，专题简报 {briefs} 期；截至月末入选优秀案例库的案例 {library} 篇。</translation>
    </message>
    <message>
        <source>Work plan items done</source>
        <translation>已完成的计划事项</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期未换届</translation>
    </message>
    <message>
        <source>ends soon</source>
        <translation>即将届满</translation>
    </message>
    <message>
        <source>Village branches due for election</source>
        <translation>需换届的村团组织</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Elected on</source>
        <translation>换届日期</translation>
    </message>
    <message>
        <source>Term ends on</source>
        <translation>任期届满日期</translation>
    </message>
    <message>
        <source>{overdue} village branches are overdue for election and {due} more terms end by {horizon}.</source>
        <translation>{overdue} 个村团组织任期已满未换届，另有 {due} 个将于 {horizon} 前届满。</translation>
    </message>
    <message>
        <source>No checklist task is overdue.</source>
        <translation>没有逾期的整改任务。</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Overdue checklist tasks</source>
        <translation>逾期未完成的整改任务</translation>
    </message>
    <message>
        <source>Overdue tasks</source>
        <translation>逾期任务</translation>
    </message>
    <message>
        <source>Overdue checklist tasks by unit</source>
        <translation>各单位逾期整改任务</translation>
    </message>
    <message>
        <source>{n} checklist tasks were past their deadline and not done on {day}.</source>
        <translation>截至 {day}，有 {n} 项整改任务已过期限仍未完成。</translation>
    </message>
    <message>
        <source>Contact points and assessments</source>
        <translation>联系点与考核评优</translation>
    </message>
    <message>
        <source>Contact points and assessments by unit</source>
        <translation>各单位联系点与考核评优情况</translation>
    </message>
    <message>
        <source>Contact points</source>
        <translation>联系点</translation>
    </message>
    <message>
        <source>Linked this month</source>
        <translation>本月新建联系</translation>
    </message>
    <message>
        <source>Officials</source>
        <translation>联系领导干部</translation>
    </message>
    <message>
        <source>Points per official</source>
        <translation>人均联系点</translation>
    </message>
    <message>
        <source>Townships with a contact point</source>
        <translation>有联系点的乡镇</translation>
    </message>
    <message>
        <source>Townships expected</source>
        <translation>应有乡镇</translation>
    </message>
    <message>
        <source>With a contact point (%)</source>
        <translation>联系点覆盖率（%）</translation>
    </message>
    <message>
        <source>Assessments this year</source>
        <translation>本年度考核评优</translation>
    </message>
    <message>
        <source>Township committees assessed</source>
        <translation>已考核乡镇团委</translation>
    </message>
    <message>
        <source>Assessed (%)</source>
        <translation>考核覆盖率（%）</translation>
    </message>
    <message>
        <source>{points} contact points in effect at the end of {month}, held by {officials} officials ({each} each); {contacted} of {expected} rural townships have one ({share}). {assessed} of {expected} township committees assessed for {year}.</source>
        <translation>{month}末在用联系点 {points} 个，由 {officials} 名领导干部建立（人均 {each} 个）；{expected} 个涉农乡镇中 {contacted} 个有联系点（{share}）。{year} 年度 {expected} 个乡镇团委中已考核 {assessed} 个。</translation>
    </message>
    <message>
        <source>Contact points and townships with one</source>
        <translation>联系点与有联系点的乡镇</translation>
    </message>
    <message>
        <source>Annual assessments by grade</source>
        <translation>年度考核评优等次</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>考核评优</translation>
    </message>
    <message>
        <source>Share of assessments</source>
        <translation>占考核评优的比例</translation>
    </message>
    <message>
        <source>Assessments (考核、评优) of {year} made by the end of {month}.</source>
        <translation>{year} 年度的考核评优，截至 {month} 末。</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <location filename="../../sync/client.py" line="93" />
        <source>Synchronisation with the hub failed.</source>
        <extracomment>attachment contents this ledger lacks and has not received yet (JSON list of sha256): the hub did not have them (yet) at the last sync; they are asked for again at the next a first sync through the hub's snapshot, under way: {"upto", "count", "downloaded", "applied"} contents of pushed attachments not yet checked/uploaded (JSON list of sha256) the protocol's limits (docs/hub-protocol.md) the blob lists in meta are rewritten after this many settled digests (and at the end) a clock further from the hub's than this is worth a warning changes whose body is smaller than this go uncompressed (gzip would not pay) retries of a connection error before the hub has answered anything (then settings.retries)</extracomment>
        <translation>与汇总端同步失败。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="101" />
        <source>This ledger is not enrolled with a hub yet. Enroll it first with: township-ledger enroll --hub URL --code CODE</source>
        <translation>本台账尚未在汇总端接入。请先接入：township-ledger enroll --hub 地址 --code 接入码</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="105" />
        <source>"{url}" is not a hub address; it must start with http:// or https://.</source>
        <translation>“{url}”不是汇总端地址，应以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="111" />
        <source>Cannot reach the hub at {url}: {reason}.</source>
        <translation>无法连接汇总端 {url}：{reason}。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="115" />
        <source>The hub's certificate at {url} could not be verified ({detail}). Check the CA bundle in the sync settings.</source>
        <translation>无法验证汇总端 {url} 的证书（{detail}）。请检查同步设置中的 CA 证书文件。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="121" />
        <source>The address {url} did not answer like a Township Ledger hub ({detail}). Check the hub address, or whether the network asks you to log in first.</source>
        <translation>地址 {url} 的应答不像团建台账汇总端（{detail}）。请检查服务器地址，或网络是否要求先登录。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="127" />
        <source>The hub at {url} is having trouble (HTTP {status}); nothing was lost. Try again later.</source>
        <translation>汇总端 {url} 出现故障（HTTP {status}），数据没有丢失。请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="133" />
        <source>The hub no longer accepts this computer: its access was revoked, or the hub does not know it. Nothing was lost; ask the hub's administrator.</source>
        <translation>汇总端不再接受本机：本机的访问权限已被撤销，或服务器不认识本机。数据没有丢失，请联系汇总端管理员。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="143" />
        <source>The hub did not accept the enrollment code: it is wrong, already used or expired. Ask the hub's administrator for a new code.</source>
        <translation>汇总端不接受此接入码：接入码有误、已被使用或已过期。请向汇总端管理员索取新的接入码。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="147" />
        <source>The enrollment code has expired. Ask the hub's administrator for a new code.</source>
        <translation>接入码已过期。请向汇总端管理员索取新的接入码。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="151" />
        <source>The enrollment code has already been used. Ask the hub's administrator for a new code.</source>
        <translation>接入码已被使用。请向汇总端管理员索取新的接入码。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="157" />
        <source>The connection broke during enrollment and the code is now used up. Ask the hub's administrator for a new code.</source>
        <translation>接入过程中连接中断，接入码已失效。请向汇总端管理员索取新的接入码。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="161" />
        <source>The hub runs an older version of the program and cannot store this ledger's data (schema {schema}); nothing was stored. The hub must be updated first.</source>
        <translation>汇总端运行的程序版本较旧，无法保存本台账的数据（数据版本 {schema}），未保存任何内容。请先升级汇总端。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="165" />
        <source>The hub sends records this version of the program does not know ({detail}); nothing of them was applied. Please update the program.</source>
        <translation>汇总端发来了本版本程序不认识的记录（{detail}），这些记录一条也未采用。请升级本程序。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="171" />
        <source>The hub refused the request (HTTP {status}: {detail}).</source>
        <translation>汇总端拒绝了请求（HTTP {status}：{detail}）。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="175" />
        <source>The hub gave an answer this program does not understand ({detail}).</source>
        <translation>汇总端的应答本程序无法识别（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="179" />
        <source>Synchronisation was cancelled; what was already exchanged is kept.</source>
        <translation>同步已取消，已交换的数据均已保存。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="191" />
        <source>the connection was refused (is the hub running?)</source>
        <translation>连接被拒绝（汇总端是否在运行？）</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="192" />
        <source>no answer in time</source>
        <translation>在规定时间内没有应答</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="193" />
        <source>the hub's name could not be found (no network?)</source>
        <translation>找不到汇总端的地址（是否没有联网？）</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="194" />
        <source>the proxy server failed</source>
        <translation>代理服务器出错</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="195" />
        <source>the connection broke</source>
        <translation>连接中断</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="198" />
        <source>This computer's clock is {n} minutes ahead of the hub's. Please correct the date and time, or its changes will be ordered wrongly.</source>
        <translation>本机时钟比汇总端快 {n} 分钟。请校正日期和时间，否则本机的修改会排错先后顺序。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="199" />
        <source>This computer's clock is {n} minutes behind the hub's. Please correct the date and time, or its changes will be ordered wrongly.</source>
        <translation>本机时钟比汇总端慢 {n} 分钟。请校正日期和时间，否则本机的修改会排错先后顺序。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="200" />
        <source>This computer's clock is {n} hours ahead of the hub's. Please correct the date and time, or its changes will be ordered wrongly.</source>
        <translation>本机时钟比汇总端快 {n} 小时。请校正日期和时间，否则本机的修改会排错先后顺序。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="202" />
        <source>The attached file "{name}" is larger than the hub accepts (50 MB); its record was sent, its content was not.</source>
        <translation>附件“{name}”超过汇总端可接收的大小（50 MB）；记录已发送，文件内容未发送。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="201" />
        <source>This computer's clock is {n} hours behind the hub's. Please correct the date and time, or its changes will be ordered wrongly.</source>
        <translation>本机时钟比汇总端慢 {n} 小时。请校正日期和时间，否则本机的修改会排错先后顺序。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="139" />
        <source>This computer was revoked at the hub. Only an enrollment code the hub's administrator issues after the revocation lets it in again.</source>
        <translation>本机已在汇总端被停用。只有汇总端管理员在停用之后签发的接入码才能让本机重新接入。</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="205" />
        <source>the hub refused {n} changes outside your scope {scope}</source>
        <translation>汇总端拒收了 {n} 条超出本单位范围 {scope} 的修改</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="206" />
        <source>the hub refused {n} changes (first reason: {reason})</source>
        <translation>汇总端拒收了 {n} 条修改（第一条的原因：{reason}）</translation>
    </message>
    <message>
        <location filename="../../sync/client/rejections.py" line="23" />
        <source>the hub refused {n} changes</source>
        <translation>汇总端拒收了 {n} 条修改</translation>
    </message>
    <message>
        <location filename="../../sync/client/rejections.py" line="24" />
        <source>{summary} — click the sync status for details.</source>
        <translation>{summary}——点击状态栏的同步状态查看详情。</translation>
    </message>
    <message>
        <location filename="../../sync/client/rejections.py" line="25" />
        <source>{n} changes from the hub could not be applied here — click the sync status for details.</source>
        <translation>汇总端发来的 {n} 条修改无法写入本台账——点击状态栏的同步状态查看详情。</translation>
    </message>
    <message>
        <location filename="../../sync/client/rejections.py" line="26" />
        <source>Synced: nothing new on either side.</source>
        <translation>同步完成：双方都没有新内容。</translation>
    </message>
    <message>
        <location filename="../../sync/client/rejections.py" line="27" />
        <source>Synced: {sent} changes sent, {received} received.</source>
        <translation>同步完成：上传 {sent} 条修改，收到 {received} 条。</translation>
    </message>
    <message>
        <location filename="../../sync/client/reasons.py" />
        <source>its scope {scope} lies outside this computer's scope {device_scope}</source>
        <translation>其范围 {scope} 超出本机的范围 {device_scope}</translation>
    </message>
    <message>
        <location filename="../../sync/client/reasons.py" />
        <source>{scope} is not a division in the division list</source>
        <translation>{scope} 不是区划表中的区划</translation>
    </message>
    <message>
        <location filename="../../sync/client/reasons.py" />
        <source>it was written by the device {origin}, whose changes this computer may not send</source>
        <translation>它由设备 {origin} 写下，本机无权转交该设备的修改</translation>
    </message>
    <message>
        <location filename="../../sync/client/reasons.py" />
        <source>it was written by the device {origin}, which has been revoked at the hub</source>
        <translation>它由设备 {origin} 写下，该设备已在汇总端被停用</translation>
    </message>
    <message>
        <location filename="../../sync/client/reasons.py" />
        <source>it differs from the change already received with this origin and sequence number ({origin}, {seq})</source>
        <translation>它与汇总端已收到的同一来源、同一序号（{origin}，{seq}）的修改内容不同</translation>
    </message>
    <message>
        <location filename="../../sync/signatures.py" />
        <source>its signature does not match the key of the device {origin} that wrote it: it was altered on the way, or forged</source>
        <translation>它的签名与写下它的设备 {origin} 的密钥不符：它在传递途中被改动过，或是伪造的</translation>
    </message>
    <message>
        <location filename="../../sync/signatures.py" />
        <source>it carries no signature and was not handed over by the device {origin} that wrote it</source>
        <translation>它没有签名，且不是由写下它的设备 {origin} 亲自交来的</translation>
    </message>
    <message>
        <location filename="../../sync/signatures.py" />
        <source>the key of the device {origin} that wrote it is not known here, so its signature cannot be checked</source>
        <translation>这里不知道写下它的设备 {origin} 的密钥，无法核对它的签名</translation>
    </message>
    <message>
        <location filename="../../sync/client/reasons.py" />
        <source>this computer's clock was {minutes} minutes ahead when it was made</source>
        <translation>写下它时本机时钟快了 {minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../../sync/client/errors.py" />
        <source>The hub at {url} refuses further enrollment attempts from this computer for now (too many in a minute). Check the code and try again in {seconds} seconds.</source>
        <translation>本机一分钟内尝试接入的次数过多，汇总端 {url} 暂不接受本机再次尝试。请核对接入码，{seconds} 秒后再试。</translation>
    </message>
    <message>
        <source>This ledger is a copy of another computer's ledger and must continue under a new identity: run township-ledger new-identity.</source>
        <translation>本台账是另一台电脑台账的副本，必须以新的身份继续使用：请运行 township-ledger new-identity。</translation>
    </message>
    <message>
        <source>Another copy of this ledger has taken over this computer's place at the hub, so this one must continue under a new identity: run township-ledger new-identity.</source>
        <translation>本台账的另一份副本已在汇总端接替了本电脑的位置，因此本台账必须以新的身份继续使用：请运行 township-ledger new-identity。</translation>
    </message>
    <message>
        <source>The hub does not know the device this ledger replaces, so it cannot take its place. Enroll it with a new code from the hub's administrator: township-ledger enroll --hub URL --code CODE</source>
        <translation>汇总端不认识本台账所替换的设备，无法接替其位置。请向汇总端管理员索取新的接入码后接入：township-ledger enroll --hub 地址 --code 接入码</translation>
    </message>
    <message>
        <source>The device this ledger replaces was revoked at the hub, so it cannot take its place. Enroll it with a new code from the hub's administrator: township-ledger enroll --hub URL --code CODE</source>
        <translation>本台账所替换的设备已在汇总端被撤销，无法接替其位置。请向汇总端管理员索取新的接入码后接入：township-ledger enroll --hub 地址 --code 接入码</translation>
    </message>
    <message>
        <source>Another ledger has already taken the place of the device this ledger replaces. Enroll this one with a new code from the hub's administrator: township-ledger enroll --hub URL --code CODE</source>
        <translation>另一份台账已经接替了本台账所替换的设备。请向汇总端管理员索取新的接入码后接入本台账：township-ledger enroll --hub 地址 --code 接入码</translation>
    </message>
    <message>
        <source>it verifies or returns a task of {scope}, which only the level above that unit may do (the writer's scope is {author_scope})</source>
        <translation>它验收或退回了 {scope} 的整改任务，只有该单位的上级才能这样做（写入方范围为 {author_scope}）</translation>
    </message>
</context>
<context>
    <name>offices</name>
    <message>
        <source>the whole country</source>
        <translation>全国</translation>
    </message>
    <message>
        <source>the program's reference data</source>
        <translation>程序内置的参考数据</translation>
    </message>
    <message>
        <source>another office (device {device})</source>
        <translation>其他单位（设备 {device}）</translation>
    </message>
    <message>
        <source>{unit} ({person})</source>
        <translation>{unit}（{person}）</translation>
    </message>
</context>
<context>
    <name>PhoneCheckDialog</name>
    <message>
        <source>This is the check code of an older version of the program: it proves the computer, not the unit it works for. Ask on the phone whether the office is {unit} (division code {scope}). If it is, click "Check and trust" again.</source>
        <translation>这是旧版程序的核对码：它只能证明是那台电脑，不能证明其所属单位。请在电话中问明对方是否为 {unit}（区划代码 {scope}）。如果是，请再点一次“核对并信任”。</translation>
    </message>
    <message>
        <source>Check by phone</source>
        <translation>电话核对</translation>
    </message>
    <message>
        <source>To be sure this really comes from &lt;b&gt;{office}&lt;/b&gt;, phone that office. Ask the person there to open &lt;i&gt;Data packages (USB)&lt;/i&gt; and read out the &lt;b&gt;check code&lt;/b&gt; shown at the top: 20 letters and digits that only their computer has (also called its fingerprint). Type what you hear:</source>
        <translation>为确认这确实来自&lt;b&gt;{office}&lt;/b&gt;，请给该单位打电话，请对方打开&lt;i&gt;数据包（U盘）&lt;/i&gt;，念出最上方显示的&lt;b&gt;核对码&lt;/b&gt;：20 位字母和数字，只有对方那台电脑才有（也叫“指纹”）。请把听到的输入这里：</translation>
    </message>
    <message>
        <source>e.g. ABCD-EFGH-IJKL-MNOP-QRST</source>
        <translation>例如 ABCD-EFGH-IJKL-MNOP-QRST</translation>
    </message>
    <message>
        <source>Check and trust</source>
        <translation>核对并信任</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>They handed me this stick in person</source>
        <translation>这个U盘是对方当面交给我的</translation>
    </message>
    <message>
        <source>Type the code the other office reads out first.</source>
        <translation>请先输入对方念出的核对码。</translation>
    </message>
    <message>
        <source>This is not the code of {office}'s computer. Do not trust it: check what you typed, or phone again and have it read out slowly. Nothing from a computer whose code does not match is ever applied.</source>
        <translation>这不是 {office} 那台电脑的核对码。请不要信任：检查一下输入是否有误，或再打一次电话请对方慢慢念。核对码不符的电脑发来的任何内容都不会被导入。</translation>
    </message>
</context>
<context>
    <name>ExchangeDialog</name>
    <message>
        <source>Imported from {office}: {applied} new, {had} already here, {rejected} refused.</source>
        <translation>已从 {office} 导入：新增 {applied} 条，已有 {had} 条，拒收 {rejected} 条。</translation>
    </message>
    <message>
        <source>Hand over data on a USB stick</source>
        <translation>用U盘交换数据</translation>
    </message>
    <message>
        <source>USB stick:</source>
        <translation>U盘：</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>交给：</translation>
    </message>
    <message>
        <source>Another folder…</source>
        <translation>其他文件夹…</translation>
    </message>
    <message>
        <source>The package for {office} is written to the stick and checked; what the stick brings for this office is taken up first. Then take the stick to them.</source>
        <translation>先导入U盘上发给本单位的内容，再把给 {office} 的数据包写到U盘并校验。然后把U盘交给对方。</translation>
    </message>
    <message>
        <source>Write the package</source>
        <translation>写入数据包</translation>
    </message>
    <message>
        <source>This stick carries the identity file of {office}: it lets this computer seal packages that only they can open. If they handed you this stick in person, trust them with one click (you can check by phone instead).</source>
        <translation>这个U盘上有 {office} 的身份文件：有了它，本机写的数据包只有对方能打开。如果U盘是对方当面交给您的，点一下即可信任（也可以改用电话核对）。</translation>
    </message>
    <message>
        <source>Trust {office}</source>
        <translation>信任 {office}</translation>
    </message>
    <message>
        <source>No office is trusted yet, so no package can be sealed for anyone. Instead, write this office's identity file (what other offices need to open its packages) onto the stick and take it to your county office. There they trust your office and put their identity file and a package for you onto the stick. When it comes back, press Report / exchange data again.</source>
        <translation>还没有信任任何单位，所以数据包暂时无法加密给任何人。请先把本单位的身份文件（其他单位打开本单位数据包所需的文件）写到U盘，交给县团委。县团委信任本单位后，会把他们的身份文件和给您的数据包写到U盘上。U盘拿回来后，再点一次“上报 / 交换数据”。</translation>
    </message>
    <message>
        <source>Write this office's identity onto the stick</source>
        <translation>把本单位的身份文件写到U盘</translation>
    </message>
    <message>
        <source>Choose the USB stick</source>
        <translation>选择U盘</translation>
    </message>
    <message>
        <source>{office} is trusted: packages can now go both ways.</source>
        <translation>已信任 {office}：现在可以互相交换数据包了。</translation>
    </message>
    <message>
        <source>Written: {file}. Take the stick to your county office; they will give it back with their identity file and a package for you.</source>
        <translation>已写入：{file}。请把U盘交给县团委；他们会把身份文件和给您的数据包写到U盘上再还给您。</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>正在写入数据包…</translation>
    </message>
    <message>
        <source>The package was written and checked: {file}. The stick can be removed safely.</source>
        <translation>数据包已写入并校验：{file}。可以安全拔出U盘了。</translation>
    </message>
    <message>
        <source>A package from {office} waits for a check by phone (Data packages (USB)).</source>
        <translation>来自 {office} 的数据包正在等待电话核对（见“数据包（U盘）”）。</translation>
    </message>
    <message>
        <source>The package could not be written: {reason}</source>
        <translation>数据包无法写入：{reason}</translation>
    </message>
    <message>
        <source>{office} refused {n} of the changes this office handed over (first reason: {reason}). They stay here; click the sync status for the list.</source>
        <translation>{office}拒收了本单位交去的 {n} 条修改（第一条原因：{reason}）。这些修改仍保留在本机；点击状态栏的同步状态查看清单。</translation>
    </message>
</context>
<context>
    <name>ReportButton</name>
    <message>
        <source>Report / exchange data</source>
        <translation>上报 / 交换数据</translation>
    </message>
    <message>
        <source>Hand this office's changes up: through the hub when it answers, otherwise on a USB stick.</source>
        <translation>上报本单位的修改：汇总端能连上时通过汇总端，连不上时用U盘。</translation>
    </message>
    <message>
        <source>This computer is not connected to a hub, so the data goes on a USB stick. The package is sealed: only the office it is for can open it.</source>
        <translation>本机没有接入汇总端，数据将用U盘交换。数据包是加密的：只有收件单位能打开。</translation>
    </message>
    <message>
        <source>The hub did not answer ({error}). Hand the data over on a USB stick instead:</source>
        <translation>汇总端没有响应（{error}）。请改用U盘交换数据：</translation>
    </message>
</context>
<context>
    <name>HeldModel</name>
    <message>
        <source>From (not trusted yet)</source>
        <translation>来自（尚未信任）</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改条数</translation>
    </message>
    <message>
        <source>Waiting since</source>
        <translation>等待自</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>{office}
Device: {device}
File: {file}</source>
        <translation>{office}
设备：{device}
文件：{file}</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>e.g. 1996-08-01 or 1996-08</source>
        <translation>如 1996-08-01 或 1996-08</translation>
    </message>
    <message>
        <source>Choose from a calendar</source>
        <translation>从日历中选择</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>User guide</source>
        <translation>使用说明</translation>
    </message>
</context>
<context>
    <name>ConflictWatch</name>
    <message numerus="yes">
        <source>Conflicts: %n</source>
        <translation>
            <numerusform>冲突 %n 处</numerusform>
        </translation>
    </message>
    <message>
        <source>Values that a change from another office replaced. Click to settle them.</source>
        <translation>被其他单位的修改覆盖的值。点击处理。</translation>
    </message>
</context>
<context>
    <name>ConflictBanner</name>
    <message>
        <source>Hide this notice (the conflicts stay under Tools → Conflicts)</source>
        <translation>隐藏此提示（冲突仍可在“工具 → 冲突处理”中查看）</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n value(s) here were replaced by a change from another office.&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;本机有 %n 个值被其他单位的修改覆盖。&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>……另有 %n 处。</numerusform>
        </translation>
    </message>
    <message>
        <source>Settle them in Conflicts…</source>
        <translation>到“冲突处理”中处理…</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return task</source>
        <translation>退回任务</translation>
    </message>
    <message>
        <source>The verification of “{title}” ({unit}) is withdrawn: the task is done again, waiting for verification.</source>
        <translation>撤回“{title}”（{unit}）的验收：任务回到“已完成”，等待重新验收。</translation>
    </message>
    <message>
        <source>“{title}” goes back to {unit}: its status becomes “{status}”.</source>
        <translation>“{title}”将退回{unit}：状态改为“{status}”。</translation>
    </message>
    <message>
        <source>The date it was reported done ({date}) stays on the task and in its history.</source>
        <translation>上报的完成日期（{date}）保留在任务和变更历史中。</translation>
    </message>
    <message>
        <source>The unit sees the reason in its task list.</source>
        <translation>该单位会在任务列表中看到退回原因。</translation>
    </message>
    <message>
        <source>Reason for return (required), e.g. the evidence lacks photos</source>
        <translation>退回原因（必填），例如：佐证材料缺少活动照片</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Reason for return:</source>
        <translation>退回原因：</translation>
    </message>
    <message>
        <source>Write why the task is returned first.</source>
        <translation>请先填写退回原因。</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>Verify task</source>
        <translation>验收任务</translation>
    </message>
    <message>
        <source>Verify “{title}” of {unit} as the level above? The unit sees who verified it and when.</source>
        <translation>以上级身份验收{unit}的“{title}”？该单位会看到验收人和验收日期。</translation>
    </message>
    <message>
        <source>Evidence attached: {n} file(s).</source>
        <translation>已附佐证材料：{n} 个文件。</translation>
    </message>
    <message>
        <source>No evidence is attached to this task. Verify it anyway?</source>
        <translation>此任务尚无佐证材料。仍要验收吗？</translation>
    </message>
    <message>
        <source>Verified by {who} on {date}.</source>
        <translation>已由 {who} 于 {date} 验收。</translation>
    </message>
    <message>
        <source>Returned by the level above: {reason}</source>
        <translation>上级退回，原因：{reason}</translation>
    </message>
    <message>
        <source>(reported done on {date})</source>
        <translation>（上报完成日期 {date}）</translation>
    </message>
</context>
<context>
    <name>hubadmin</name>
    <message>
        <source>Check code of the hub's signing key (it vouches for each office's unit): {code}</source>
        <translation>中心服务器签名密钥的核对码（用于证明各单位的所属单位）：{code}</translation>
    </message>
    <message>
        <source>Hub administration</source>
        <translation>汇总端管理</translation>
    </message>
    <message>
        <source>Township Ledger</source>
        <translation>团建台账</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Enrollment codes</source>
        <translation>接入码</translation>
    </message>
    <message>
        <source>Units not heard from</source>
        <translation>未同步的单位</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Issue an enrollment code</source>
        <translation>发放接入码</translation>
    </message>
    <message>
        <source>A code lets one computer of a unit join this hub, once. You get a slip to print and hand over (or read out by phone).</source>
        <translation>一个接入码只能让一个单位的一台电脑接入本汇总端一次。发放后会生成一张接入单，可打印交给对方（或电话念给对方）。</translation>
    </message>
    <message>
        <source>Unit (division code)</source>
        <translation>单位（区划代码）</translation>
    </message>
    <message>
        <source>For (office or person)</source>
        <translation>发给（单位或个人）</translation>
    </message>
    <message>
        <source>Valid for days</source>
        <translation>有效天数</translation>
    </message>
    <message>
        <source>Issue the code and show the slip</source>
        <translation>发放接入码并显示接入单</translation>
    </message>
    <message>
        <source>The device was revoked: its token no longer works. To let it in again, issue its unit a new enrollment code.</source>
        <translation>该设备已吊销，它的凭据不再有效。如需恢复，请给该单位重新发放接入码。</translation>
    </message>
    <message>
        <source>Unit, name or code</source>
        <translation>单位、名称或代码</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>{n} devices</source>
        <translation>共 {n} 台设备</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Office / computer</source>
        <translation>单位电脑</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>接入时间</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>最近同步</translation>
    </message>
    <message>
        <source>Changes waiting</source>
        <translation>待接收修改</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Device id</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>已吊销</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Revoke this device? It can no longer sync until its unit gets a new enrollment code.</source>
        <translation>确定吊销这台设备？吊销后，在该单位拿到新的接入码之前，它无法再同步。</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>吊销</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>重新发码</translation>
    </message>
    <message>
        <source>No device of your units has joined yet. Issue an enrollment code for each unit under "Enrollment codes".</source>
        <translation>您管辖的单位还没有设备接入。请在“接入码”页给每个单位发放接入码。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>For the people who run this hub. Accounts are made on the hub's computer with "township-hub admin add".</source>
        <translation>供汇总端管理人员使用。账号在汇总端所在电脑上用“township-hub admin add”创建。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Back to the devices</source>
        <translation>返回设备列表</translation>
    </message>
    <message>
        <source>Rural townships of your units (from the division list) with no computer at the hub, one that never synced, or none for over 30 days: {n} of {total}.</source>
        <translation>您管辖范围内（按区划名录）没有电脑接入、接入后从未同步或超过 30 天未同步的乡镇：{total} 个中有 {n} 个。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Issue a code</source>
        <translation>发放接入码</translation>
    </message>
    <message>
        <source>Every rural township of your units has synced in the last 30 days.</source>
        <translation>您管辖范围内的乡镇在最近 30 天内都已同步。</translation>
    </message>
    <message>
        <source>Enrollment slip</source>
        <translation>接入单</translation>
    </message>
    <message>
        <source>Print the slip</source>
        <translation>打印接入单</translation>
    </message>
    <message>
        <source>The code is shown only now: print it or write it down before leaving this page.</source>
        <translation>接入码只显示这一次：离开本页前请打印或抄下。</translation>
    </message>
    <message>
        <source>Township Ledger: joining the hub</source>
        <translation>团建台账 · 接入汇总端</translation>
    </message>
    <message>
        <source>For</source>
        <translation>发给</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>汇总端地址</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>接入码</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>(used once)</source>
        <translation>（仅能使用一次）</translation>
    </message>
    <message>
        <source>How to join</source>
        <translation>接入步骤</translation>
    </message>
    <message>
        <source>Open Township Ledger, click the sync status at the bottom of the window, then "Enroll…".</source>
        <translation>打开团建台账，点击窗口底部的同步状态，再点“接入…”。</translation>
    </message>
    <message>
        <source>Type the hub address and the enrollment code above, and click "Enroll".</source>
        <translation>填写上面的汇总端地址和接入码，点“接入”。</translation>
    </message>
    <message>
        <source>From then on "Hand up / exchange data" sends your changes whenever the computer is online.</source>
        <translation>此后，电脑联网时点“上报 / 交换数据”即可上报本单位的修改。</translation>
    </message>
    <message>
        <source>Check codes of the offices above you</source>
        <translation>上级单位电脑的核对码</translation>
    </message>
    <message>
        <source>When one of these offices hands you data on a USB stick, the program shows its check code: it must be the same as here.</source>
        <translation>这些单位用U盘交给您数据时，程序会显示对方的核对码，它必须与这里印的一致。</translation>
    </message>
    <message>
        <source>Issued by {name} on {time}</source>
        <translation>签发人：{name}　签发时间：{time}</translation>
    </message>
    <message>
        <source>Issue another code</source>
        <translation>再发放一个接入码</translation>
    </message>
    <message>
        <source>the whole country</source>
        <translation>全国</translation>
    </message>
    <message>
        <source>Too many attempts. Wait {seconds} seconds and try again.</source>
        <translation>尝试次数过多，请等 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <source>The name or the password is wrong.</source>
        <translation>用户名或密码不对。</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>This form has expired or did not come from this page. Go back, reload the page and try again.</source>
        <translation>此表单已过期，或不是从本页面提交的。请返回、刷新页面后再试。</translation>
    </message>
    <message>
        <source>There is no such device in your units.</source>
        <translation>您管辖的单位中没有这台设备。</translation>
    </message>
    <message>
        <source>{code} is not a division code. Choose the unit from the list.</source>
        <translation>{code} 不是区划代码，请从列表中选择单位。</translation>
    </message>
    <message>
        <source>{unit} is outside your units ({scope}).</source>
        <translation>{unit} 不在您管辖的范围（{scope}）内。</translation>
    </message>
    <message>
        <source>Write who the code is for (the office or the person), up to 80 characters.</source>
        <translation>请填写接入码发给谁（单位或个人），最多 80 个字。</translation>
    </message>
    <message>
        <source>A code stays valid 1 to 90 days.</source>
        <translation>接入码的有效期为 1 到 90 天。</translation>
    </message>
    <message>
        <source>no device has joined</source>
        <translation>没有电脑接入</translation>
    </message>
    <message>
        <source>joined, never synced</source>
        <translation>已接入，从未同步</translation>
    </message>
    <message>
        <source>no sync for over {days} days</source>
        <translation>超过 {days} 天未同步</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>Refused changes</source>
        <translation>被拒收的修改</translation>
    </message>
    <message>
        <source>Seconds ahead of the hub (behind: negative)</source>
        <translation>比汇总端快的秒数（慢为负数）</translation>
    </message>
    <message>
        <source>measured {time}</source>
        <translation>测于 {time}</translation>
    </message>
    <message>
        <source>{n} in the last {days} days</source>
        <translation>近 {days} 天 {n} 条</translation>
    </message>
    <message>
        <source>last {time}</source>
        <translation>最近一次 {time}</translation>
    </message>
    <message>
        <source>The device's clock is {n} minutes ahead</source>
        <translation>该设备时钟快了 {n} 分钟</translation>
    </message>
    <message>
        <source>The device's clock is {n} minutes behind</source>
        <translation>该设备时钟慢了 {n} 分钟</translation>
    </message>
    <message>
        <source>The device's clock is {n} hours ahead</source>
        <translation>该设备时钟快了 {n} 小时</translation>
    </message>
    <message>
        <source>The device's clock is {n} hours behind</source>
        <translation>该设备时钟慢了 {n} 小时</translation>
    </message>
    <message>
        <source>The device's clock is {n} days ahead</source>
        <translation>该设备时钟快了 {n} 天</translation>
    </message>
    <message>
        <source>The device's clock is {n} days behind</source>
        <translation>该设备时钟慢了 {n} 天</translation>
    </message>
    <message>
        <source>not measured yet</source>
        <translation>尚未测到</translation>
    </message>
    <message>
        <source>right</source>
        <translation>准确</translation>
    </message>
    <message>
        <source>outside its unit</source>
        <translation>超出本单位范围</translation>
    </message>
    <message>
        <source>not a known division</source>
        <translation>不是已知的区划</translation>
    </message>
    <message>
        <source>another office's, not its to send</source>
        <translation>他人的修改，无权转交</translation>
    </message>
    <message>
        <source>written by a revoked device</source>
        <translation>来自已吊销的设备</translation>
    </message>
    <message>
        <source>same number, other content (a copied ledger?)</source>
        <translation>编号相同而内容不同（疑似复制的台账）</translation>
    </message>
    <message>
        <source>dated ahead (wrong clock)</source>
        <translation>时间超前（时钟不准）</translation>
    </message>
    <message>
        <source>a verification it may not make</source>
        <translation>无权作出的验收</translation>
    </message>
    <message>
        <source>malformed</source>
        <translation>格式错误</translation>
    </message>
    <message>
        <source>signature does not match</source>
        <translation>签名不符</translation>
    </message>
    <message>
        <source>relayed without a signature</source>
        <translation>转交的修改没有签名</translation>
    </message>
    <message>
        <source>the writer's key is unknown</source>
        <translation>写入设备的密钥未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ScanImportDialog</name>
    <message>
        <source>Import a paper table (photo or scan)</source>
        <translation>导入纸质表格（照片/扫描件）</translation>
    </message>
    <message>
        <source>Choose or drop a photo or scan of the table (.jpg, .png, .pdf)…</source>
        <translation>选择或拖入表格的照片或扫描件（.jpg、.png、.pdf）…</translation>
    </message>
    <message>
        <source>The selected row as photographed</source>
        <translation>所选行在照片上的样子</translation>
    </message>
    <message>
        <source>Photos, scans and scanned PDFs ({suffixes});;All files (*)</source>
        <translation>照片、扫描件和扫描 PDF ({suffixes});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import a paper table</source>
        <translation>导入纸质表格</translation>
    </message>
    <message>
        <source>Choose a photo or scan of the table (.jpg, .png)…</source>
        <translation>选择表格的照片或扫描件（.jpg、.png）…</translation>
    </message>
    <message>
        <source>Photos and scans ({suffixes});;All files (*)</source>
        <translation>照片和扫描件 ({suffixes});;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>submission</name>
    <message>
        <source>Not submitted</source>
        <translation>未上报</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>Approved (locked)</source>
        <translation>已通过（已锁定）</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>已重开</translation>
    </message>
    <message>
        <source>{state}: {reason}</source>
        <translation>{state}：{reason}</translation>
    </message>
</context>
<context>
    <name>SubmissionPanel</name>
    <message>
        <source>Due day…</source>
        <translation>截止日…</translation>
    </message>
    <message>
        <source>The day of the next month by which the units below submit their report</source>
        <translation>下级单位须在次月几日前上报月报</translation>
    </message>
    <message>
        <source>Due day</source>
        <translation>截止日</translation>
    </message>
    <message>
        <source>By which day of the next month do the units below submit their monthly report?</source>
        <translation>下级单位须在次月几日前上报月报？</translation>
    </message>
    <message>
        <source>Submit this month</source>
        <translation>上报本月</translation>
    </message>
    <message>
        <source>Freeze this month's figures and send them to the level above</source>
        <translation>冻结本月数据并报送上级</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重开…</translation>
    </message>
    <message>
        <source>This unit's report for {month}: {state}</source>
        <translation>本单位 {month} 月报：{state}</translation>
    </message>
    <message>
        <source>Submit again</source>
        <translation>重新上报</translation>
    </message>
    <message>
        <source>Monthly submission</source>
        <translation>月报上报</translation>
    </message>
    <message>
        <source>Approve the report of {unit} for {month}? The month locks: its records can be changed once you reopen it.</source>
        <translation>审核通过{unit} {month} 的月报？该月将锁定：重开后才能修改该月的记录。</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Why is the report of {unit} for {month} returned?</source>
        <translation>退回{unit} {month} 月报的原因：</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重开</translation>
    </message>
    <message>
        <source>Why is the month {month} of {unit} reopened?</source>
        <translation>重开{unit} {month} 的原因：</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Submitted at</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>Differing figures</source>
        <translation>不一致数据</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <source>To complete</source>
        <translation>待补全</translation>
    </message>
    <message>
        <source>To complete: no {fields}. Open the record and fill them in.</source>
        <translation>待补全：缺少 {fields}。请打开该记录补填。</translation>
    </message>
</context>
<context>
    <name>AnswersPanel</name>
    <message>
        <source>Before importing</source>
        <translation>导入前请确认</translation>
    </message>
    <message>
        <source>Take the exit dates written in the remarks ({n} rows)</source>
        <translation>采用备注中写明的退出日期（{n} 行）</translation>
    </message>
    <message>
        <source>{column} (no column in the file):</source>
        <translation>{column}（文件中没有此列）：</translation>
    </message>
    <message>
        <source>Leave to complete later ({n} rows)</source>
        <translation>暂不填写，以后补全（{n} 行）</translation>
    </message>
    <message>
        <source>one value for every row; empty: complete later ({n} rows)</source>
        <translation>为所有行统一填写；留空则以后补全（{n} 行）</translation>
    </message>
    <message>
        <source>{column}: “{word}” ×{n} stands for</source>
        <translation>{column}：“{word}” ×{n} 代表</translation>
    </message>
    <message>
        <source>{column}: “{word}” stands for</source>
        <translation>{column}：“{word}” 代表</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
</context>
<context>
    <name>SubmissionModel</name>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Submitted at</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>Differing figures</source>
        <translation>不一致数据</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>TrendsView</name>
    <message>
        <source>Computing the trends…</source>
        <translation>正在计算趋势…</translation>
    </message>
    <message>
        <source>The trends could not be computed.</source>
        <translation>无法计算趋势。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>All of China</source>
        <translation>全国</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <source>Export &amp;Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Figure</source>
        <translation>指标(&amp;F)</translation>
    </message>
    <message>
        <source>Trends {unit} {month}</source>
        <translation>趋势 {unit} {month}</translation>
    </message>
    <message>
        <source>Export the trends to Excel</source>
        <translation>将趋势导出到 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>The trends could not be saved: {reason}</source>
        <translation>无法保存趋势：{reason}</translation>
    </message>
    <message>
        <source>{units} {level}, {first} to {last}. Shaded: {n} figures frozen in the units' submissions; the others are computed from the ledger, a past month from its records as they were at its end.</source>
        <translation>{units}个{level}，{first}至{last}。底色标出的{n}个数是各单位月报上报时冻结的；其余由台账计算，过去的月份按当月末记录的状态计算。</translation>
    </message>
</context>
<context>
    <name>TrendTableModel</name>
    <message>
        <source>All units</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>as frozen in the unit's submission</source>
        <translation>单位上报时冻结的数</translation>
    </message>
    <message>
        <source>computed from the ledger</source>
        <translation>按台账计算</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>{name} has no league members.</source>
        <translation>{name}没有团员。</translation>
    </message>
    <message>
        <source>{name} has held no meeting or activity.</source>
        <translation>{name}没有召开过会议或开展过活动。</translation>
    </message>
    <message>
        <source>{name} has held no meeting or activity for {months} months (the last on {last}).</source>
        <translation>{name}已连续 {months} 个月未召开会议或开展活动（最近一次在 {last}）。</translation>
    </message>
    <message>
        <source>{name} has no secretary (书记) in office.</source>
        <translation>{name}没有在任书记。</translation>
    </message>
    <message>
        <source>“{title}” was due on {deadline} and is not done ({status}).</source>
        <translation>“{title}”期限为 {deadline}，尚未完成（{status}）。</translation>
    </message>
    <message>
        <source>{kind} “{title}” lacks required values (to be completed).</source>
        <translation>{kind}“{title}”缺少必填内容（待补全）。</translation>
    </message>
    <message>
        <source>{name} is on record twice in this unit ({same}).</source>
        <translation>{name}在本单位登记了两次（{same}）。</translation>
    </message>
    <message>
        <source>same month of birth</source>
        <translation>出生年月相同</translation>
    </message>
    <message>
        <source>same phone</source>
        <translation>电话相同</translation>
    </message>
    <message>
        <source>{figure}: {previous} in {previous_month}, {value} in {month} ({change}).</source>
        <translation>{figure}：{previous_month} 为 {previous}，{month} 为 {value}（{change}）。</translation>
    </message>
    <message>
        <source>"{key}" is not a threshold of the problem list; they are: {keys}.</source>
        <translation>“{key}”不是问题清单的阈值；可设置的有：{keys}。</translation>
    </message>
    <message>
        <source>{key} takes a whole number from {minimum} to {maximum}, not "{value}".</source>
        <translation>{key} 须为 {minimum} 到 {maximum} 之间的整数，不能是“{value}”。</translation>
    </message>
    <message>
        <source>Hollow organisation</source>
        <translation>空壳化组织</translation>
    </message>
    <message>
        <source>Months without a meeting before an organisation counts as hollow</source>
        <translation>连续多少个月未开会视为空壳化</translation>
    </message>
    <message>
        <source>No secretary</source>
        <translation>未配备书记</translation>
    </message>
    <message>
        <source>Overdue checklist task</source>
        <translation>整改任务逾期</translation>
    </message>
    <message>
        <source>Days past the deadline before a task counts as overdue</source>
        <translation>超过期限多少天视为逾期</translation>
    </message>
    <message>
        <source>Figure jump</source>
        <translation>数据异常波动</translation>
    </message>
    <message>
        <source>Change from the month before that counts as a jump (%)</source>
        <translation>较上月变化超过多少视为异常波动（%）</translation>
    </message>
    <message>
        <source>Smallest change that counts as a jump</source>
        <translation>视为异常波动的最小变化量</translation>
    </message>
    <message>
        <source>Likely duplicate member</source>
        <translation>疑似重复的委员</translation>
    </message>
    <message>
        <source>Incomplete record</source>
        <translation>记录待补全</translation>
    </message>
</context>
<context>
    <name>ProblemTableModel</name>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>ThresholdsDialog</name>
    <message>
        <source>Thresholds of the problem list</source>
        <translation>问题清单的阈值</translation>
    </message>
    <message>
        <source>Default: {value}</source>
        <translation>默认值：{value}</translation>
    </message>
</context>
<context>
    <name>ProblemsView</name>
    <message>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>All rules</source>
        <translation>全部规则</translation>
    </message>
    <message>
        <source>{rule} ({n})</source>
        <translation>{rule}（{n}）</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>{shown} of {total} problems</source>
        <translation>{total} 个问题中的 {shown} 个</translation>
    </message>
    <message>
        <source>edit {kind}</source>
        <translation>编辑{kind}</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Rule</source>
        <translation>规则(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Thresholds…</source>
        <translation>阈值(&amp;T)…</translation>
    </message>
    <message>
        <source>Checking the rules…</source>
        <translation>正在检查规则…</translation>
    </message>
    <message>
        <source>The rules could not be checked.</source>
        <translation>无法检查规则。</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <source>All of China</source>
        <translation>全国</translation>
    </message>
</context>
<context>
    <name>AttachmentPanel</name>
    <message>
        <source>Attach file…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message numerus="yes">
        <source>Files (%n file(s))</source>
        <translation>
            <numerusform>附件（%n 个文件）</numerusform>
        </translation>
    </message>
    <message>
        <source>Files (choose a record)</source>
        <translation>附件（请先选择一条记录）</translation>
    </message>
    <message>
        <source>Attach file</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>{file} cannot be read: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <source>{file} is {size}. Files over {limit} cannot be attached: the ledger travels on USB sticks and over slow connections. Attach a smaller copy (for example compressed photos or a PDF).</source>
        <translation>{file} 大小为 {size}。超过 {limit} 的文件不能作为附件：台账要通过U盘和较慢的网络传递。请附加较小的副本（例如压缩后的照片或 PDF）。</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>attach {file}</source>
        <translation>添加附件 {file}</translation>
    </message>
    <message>
        <source>Opening {file}…</source>
        <translation>正在打开 {file}…</translation>
    </message>
    <message>
        <source>No program on this computer opens {file}. It was saved as {path}.</source>
        <translation>本机没有能打开 {file} 的程序。文件已保存为 {path}。</translation>
    </message>
    <message>
        <source>{file} could not be opened: {reason}</source>
        <translation>无法打开 {file}：{reason}</translation>
    </message>
    <message>
        <source>Remove {file}? You can undo this with Ctrl+Z.</source>
        <translation>移除附件 {file}？可以按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>remove {file}</source>
        <translation>移除附件 {file}</translation>
    </message>
</context>
<context>
    <name>SelfInspectionDialog</name>
    <message>
        <source>{file} attached.</source>
        <translation>已附上 {file}。</translation>
    </message>
    <message>
        <source>{file} cannot be read: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <source>{file} is larger than 50 MB; attach a smaller copy.</source>
        <translation>{file} 超过 50 MB，请附一个较小的副本。</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Attach evidence</source>
        <translation>附佐证材料</translation>
    </message>
    <message numerus="yes">
        <source>%n rectification task(s) made; they are in the checklist.</source>
        <translation>
            <numerusform>已生成 %n 项整改任务，可在对标整改台账中查看。</numerusform>
        </translation>
    </message>
    <message>
        <source>make rectification tasks</source>
        <translation>生成整改任务</translation>
    </message>
    <message>
        <source>Make a task of each chosen finding (of every finding without a task when none is chosen).</source>
        <translation>为选中的每个问题生成整改任务（未选中时，为所有尚无任务的问题生成）。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>problem: no task yet</source>
        <translation>问题：尚未生成整改任务</translation>
    </message>
    <message>
        <source>{status}, due {deadline}</source>
        <translation>{status}，时限 {deadline}</translation>
    </message>
    <message>
        <source>No self-inspection items apply to this unit.</source>
        <translation>本单位没有适用的自查项目。</translation>
    </message>
    <message>
        <source>Deadline of new tasks</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <source>Attach evidence…</source>
        <translation>附佐证材料…</translation>
    </message>
    <message>
        <source>Make rectification tasks</source>
        <translation>生成整改任务</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Rectification task</source>
        <translation>整改任务</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>查摆问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>自查结果</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>自查项目</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Answer each item and write down what you found. Every finding is a problem to rectify: select it and press "Make rectification tasks".</source>
        <translation>逐项作答并写明查摆出的问题。每个问题都要整改：选中后点击“生成整改任务”。</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>自查期间</translation>
    </message>
    <message>
        <source>{unit}: self-inspection</source>
        <translation>{unit}：八查八看自查</translation>
    </message>
    <message>
        <source>Self-inspection (eight checks, eight looks)</source>
        <translation>八查八看自查</translation>
    </message>
    <message>
        <source>Evidence (choose an answered item)</source>
        <translation>佐证材料（请选择已作答的项目）</translation>
    </message>
    <message numerus="yes">
        <source>Evidence (%n file(s))</source>
        <translation>
            <numerusform>佐证材料（%n 个文件）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TemplateIssueDialog</name>
    <message>
        <source>The table was issued to {units} unit(s), with {tasks} new task(s). It goes down with the next sync or data package.</source>
        <translation>已下发给 {units} 个单位，新生成 {tasks} 项整改任务，将随下次同步或数据包送达。</translation>
    </message>
    <message>
        <source>The table was issued to every unit below ({n} items). It goes down with the next sync or data package.</source>
        <translation>已下发给全部下级单位（共 {n} 项），将随下次同步或数据包送达。</translation>
    </message>
    <message>
        <source>The table has no item with a number and a title.</source>
        <translation>参考表中没有同时填写编号和名称的项目。</translation>
    </message>
    <message>
        <source>No unit below this ledger keeps a checklist.</source>
        <translation>本台账下没有需要对标整改的单位。</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>The table every unit under this ledger follows unless it has its own.</source>
        <translation>本台账下所有单位适用的表（单独下发过的单位除外）。</translation>
    </message>
    <message>
        <source>Issue to every unit below</source>
        <translation>下发给全部下级单位</translation>
    </message>
    <message>
        <source>Each chosen unit gets this table as its own (一县一表、一乡一表), and its tasks when its committee is in the ledger.</source>
        <translation>每个所选单位得到一张自己的表（一县一表、一乡一表）；其团委已在台账中的，同时生成整改任务。</translation>
    </message>
    <message>
        <source>Issue to the chosen units</source>
        <translation>下发给所选单位</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>删除项目</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>添加项目</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>重点工作</translation>
    </message>
    <message>
        <source>System</source>
        <translation>体系</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Table of</source>
        <translation>参考表级别</translation>
    </message>
    <message>
        <source>Issue checklist tables</source>
        <translation>下发参考表</translation>
    </message>
</context>
<context>
    <name>FileExport</name>
    <message>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
</TS>