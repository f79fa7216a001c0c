<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>lstm-viz {version}</source>
        <translation>lstm-viz {version}</translation>
    </message>
    <message>
        <source>See inside an LSTM: an animated cell diagram and live gradient plots, with every number computed exactly by a NumPy engine.</source>
        <translation>看清 LSTM 的内部：单元图的动画演示与实时梯度曲线，每个数值都由 NumPy 引擎精确算出。</translation>
    </message>
    <message>
        <source>Built with NumPy {numpy}, Qt {qt} through PySide6, and pyqtgraph {pg}.</source>
        <translation>基于 NumPy {numpy}、Qt {qt}（通过 PySide6）和 pyqtgraph {pg} 构建。</translation>
    </message>
    <message>
        <source>About the LSTM</source>
        <translation>关于 LSTM</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>功能</translation>
    </message>
    <message>
        <source>In the app:</source>
        <translation>在本应用中：</translation>
    </message>
    <message>
        <source>Show it (tour) ▶</source>
        <translation>在导览中查看 ▶</translation>
    </message>
    <message>
        <source>Seven facts about recurrent networks and the long short-term memory, each with the place in this app where you can watch it happen with real numbers.</source>
        <translation>关于循环神经网络和长短期记忆网络（LSTM）的七个要点，每条都指明了在本应用的什么地方可以用真实数值亲眼看到它。</translation>
    </message>
    <message>
        <source>1. One cell, applied at every step</source>
        <translation>1. 同一个单元，每个时间步都在用</translation>
    </message>
    <message>
        <source>A recurrent neural network (RNN) reads a sequence one element at a time. The same cell, with the same weights, runs at every step: it combines the new input {x} with the hidden state {h_prev} it left behind a step earlier. The hidden state is the network&apos;s only memory; it carries information forward.</source>
        <translation>循环神经网络（RNN）逐个元素地读取序列。每个时间步运行的都是同一个单元、同一组权重：它把新的输入 {x} 与上一步留下的隐藏状态 {h_prev} 结合起来。隐藏状态是网络唯一的记忆，负责把信息向后传递。</translation>
    </message>
    <message>
        <source>choose the RNN model and step through the sequence: the diagram redraws one and the same cell at every step, fed by the state of the step before.</source>
        <translation>选择 RNN 模型，逐步浏览序列：单元图在每个时间步重画的都是同一个单元，它接收的是上一步的状态。</translation>
    </message>
    <message>
        <source>2. What the LSTM adds</source>
        <translation>2. LSTM 多了什么</translation>
    </message>
    <message>
        <source>The LSTM (Hochreiter &amp; Schmidhuber, 1997) keeps a second state beside {h}: the cell state {c}, its long-term memory. Three gates control it: forget {f}, input {i} and output {o}. All three are computed the same way, by a sigmoid of the concatenation {hx}, each with its own weights and bias, so each gives values between 0 (closed) and 1 (open) for every unit.</source>
        <translation>LSTM（Hochreiter &amp; Schmidhuber, 1997）在 {h} 之外还保存第二个状态：细胞状态 {c}，也就是它的长期记忆。细胞状态由三个门控制：遗忘门 {f}、输入门 {i} 和输出门 {o}。三个门的计算方式相同，都是对拼接向量 {hx} 取 sigmoid，只是各有自己的权重和偏置，因此对每个单元都给出 0（关闭）到 1（打开）之间的值。</translation>
    </message>
    <message>
        <source>A fourth block, the candidate {g} (some texts call it {z}), is computed from the same inputs but with tanh, which gives values between −1 and 1. It uses tanh because it is data to be stored, not a signal that opens or closes something.</source>
        <translation>第四个模块是候选值 {g}（有些教材记作 {z}），用同样的输入计算，但激活函数换成 tanh，取值在 −1 到 1 之间。之所以用 tanh，是因为它是要存入的数据，而不是控制开关的门控信号。</translation>
    </message>
    <message>
        <source>the cell diagram draws the three gates and the candidate as separate blocks that light up with their actual activations, unit by unit.</source>
        <translation>单元图把三个门和候选值画成各自独立的模块，每个单元按其实际激活值点亮。</translation>
    </message>
    <message>
        <source>3. One step in three stages</source>
        <translation>3. 一个时间步，分三个阶段</translation>
    </message>
    <message>
        <source>The forget gate {f} chooses, unit by unit, what of the old cell state {c_prev} to keep and what to drop.</source>
        <translation>遗忘门 {f} 逐个单元地决定旧细胞状态 {c_prev} 中哪些保留、哪些丢弃。</translation>
    </message>
    <message>
        <source>The input gate {i} chooses how much of the candidate {g} to write, and the cell state becomes what was kept plus what was written.</source>
        <translation>输入门 {i} 决定写入多少候选值 {g}；新的细胞状态就是保留下来的部分加上新写入的部分。</translation>
    </message>
    <message>
        <source>The output gate {o} chooses what of {tanh_c} becomes the new hidden state {h}.</source>
        <translation>输出门 {o} 决定 {tanh_c} 中的哪些内容成为新的隐藏状态 {h}。</translation>
    </message>
    <message>
        <source>Stage 1, forget.</source>
        <translation>阶段 1：忘记。</translation>
    </message>
    <message>
        <source>Stage 2, select and memorise.</source>
        <translation>阶段 2：选择记忆。</translation>
    </message>
    <message>
        <source>Stage 3, output.</source>
        <translation>阶段 3：输出。</translation>
    </message>
    <message>
        <source>playback moves through these stages one at a time; the diagram lights the active stage and the Equations panel shows its equations with the numbers of the current step.</source>
        <translation>播放时逐个阶段推进；单元图会点亮当前阶段，公式面板则列出该阶段的公式，并代入当前时间步的数值。</translation>
    </message>
    <message>
        <source>4. Strength and cost</source>
        <translation>4. 优势与代价</translation>
    </message>
    <message>
        <source>The gates multiply: {f} scales what is kept, {i} what is stored and {o} what is shown. Because they are learned, the network decides for itself what to remember, what to update and what to reveal, and makes better use of its hidden units.</source>
        <translation>门以乘法起作用：{f} 缩放保留的内容，{i} 缩放存入的内容，{o} 缩放输出的内容。由于门是学出来的，网络可以自己决定记住什么、更新什么、输出什么，从而更有效地利用隐藏单元。</translation>
    </message>
    <message>
        <source>The price is size: four blocks of weights instead of one, so an LSTM has four times the parameters of a plain RNN with the same number of units, and is harder to train. The GRU (Cho et al., 2014) merges forget and input into one update gate {z} and drops the separate cell state; with three blocks it usually does as well.</source>
        <translation>代价是规模：权重从一组变成四组，因此在单元数相同时，LSTM 的参数量是普通 RNN 的四倍，训练也更难。GRU（Cho et al., 2014）把遗忘门和输入门合并成一个更新门 {z}，并去掉了单独的细胞状态；它只有三组权重，效果通常不相上下。</translation>
    </message>
    <message>
        <source>the Equations panel counts the parameters of the current model block by block; switch between LSTM, GRU and RNN to compare.</source>
        <translation>公式面板会按组统计当前模型的参数量；在 LSTM、GRU 和 RNN 之间切换即可比较。</translation>
    </message>
    <message>
        <source>5. Vanishing does not mean zero</source>
        <translation>5. 梯度消失不等于梯度为零</translation>
    </message>
    <message>
        <source>Training unrolls the network in time and backpropagates through every step (BPTT). Since every step uses the same {w}, the gradient from step {T} back to step {t} is a product with one recurrent Jacobian per step in between: {w} times the derivative of tanh.</source>
        <translation>训练时，网络沿时间展开，梯度经过每个时间步反向传播，即随时间反向传播（BPTT）。由于每一步都共用同一个 {w}，从第 {T} 步传回第 {t} 步的梯度是一个连乘积，中间每隔一步就乘上一个循环雅可比矩阵：{w} 乘以 tanh 的导数。</translation>
    </message>
    <message>
        <source>When these factors are smaller than one, the product shrinks geometrically with distance (Pascanu, Mikolov &amp; Bengio, 2013). The total gradient is not zero: it is dominated by the nearby steps, whose contributions are large, while distant ones fade. So the network learns short-range patterns and struggles with long-range dependencies.</source>
        <translation>当这些因子小于 1 时，乘积随距离呈几何级数缩小（Pascanu, Mikolov &amp; Bengio, 2013）。总梯度并不为零，而是被近距离的时间步主导：它们的贡献很大，远处的贡献则逐渐消失。因此网络能学到短程模式，却难以学到长距离依赖。</translation>
    </message>
    <message>
        <source>the gradient plots show the size of the gradient at each step of the sequence; for the RNN it falls off steeply with the distance from the loss.</source>
        <translation>梯度图显示序列中每个时间步上梯度的大小；对 RNN 而言，离损失越远，梯度衰减得越快。</translation>
    </message>
    <message>
        <source>6. The LSTM&apos;s cell-state path</source>
        <translation>6. LSTM 的细胞状态通路</translation>
    </message>
    <message>
        <source>In the LSTM the gradient travels along many paths. On one of them, from {c_prev} to {c}, there is no matrix and no squashing function: only an elementwise product and a sum. Unrolled over many steps, the gradient along that path alone is the product of the forget gates:</source>
        <translation>在 LSTM 中，梯度沿多条路径传播。其中一条从 {c_prev} 到 {c}，路上既没有矩阵，也没有挤压函数，只有逐元素乘法和加法。沿时间展开许多步后，单看这一条路径，梯度就是各步遗忘门的连乘积：</translation>
    </message>
    <message>
        <source>While the forget gates stay near 1, this product stays near 1 however long the distance. The other paths may still vanish, but the total long-range gradient is the sum over all paths, and one path that does not vanish is enough to keep the sum from vanishing.</source>
        <translation>只要遗忘门保持在 1 附近，无论距离多远，这个乘积都接近 1。其他路径仍可能梯度消失，但总的远距离梯度是所有路径之和，只要有一条路径不消失，总和就不会消失。</translation>
    </message>
    <message>
        <source>the gradient plots show the product of forget gates beside the total gradient through the cell state; raise or lower the forget bias and watch how far back the gradient reaches.</source>
        <translation>梯度图把遗忘门的连乘积与经由细胞状态的总梯度并排显示；调高或调低遗忘门偏置，看看梯度能回传多远。</translation>
    </message>
    <message>
        <source>7. Exploding gradients, and clipping</source>
        <translation>7. 梯度爆炸与梯度裁剪</translation>
    </message>
    <message>
        <source>An LSTM can still explode: its other paths behave much like an RNN&apos;s. It happens less often, because those paths pass through more saturating activations whose derivatives are below 1. The practical remedy is gradient clipping: when the norm of the gradient {grad} exceeds a threshold {tau}, scale it down to that norm.</source>
        <translation>LSTM 仍可能发生梯度爆炸：它的其他路径与 RNN 的表现很相似。只是发生得少一些，因为这些路径要经过更多会饱和的激活函数，其导数都小于 1。实践中的对策是梯度裁剪：当梯度 {grad} 的范数超过阈值 {tau} 时，将其等比例缩小，使范数恰好等于该阈值。</translation>
    </message>
    <message>
        <source>make the recurrent weights larger and the gradient plots show the norms growing with distance instead of shrinking.</source>
        <translation>把循环权重调大，梯度图中的范数就会随距离增大，而不是缩小。</translation>
    </message>
    <message>
        <source>References</source>
        <translation>参考文献</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Previous stage</source>
        <translation>上一阶段</translation>
    </message>
    <message>
        <source>Next stage</source>
        <translation>下一阶段</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>上一时间步</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一时间步</translation>
    </message>
    <message>
        <source>Go to start</source>
        <translation>跳到开头</translation>
    </message>
    <message>
        <source>Go to end</source>
        <translation>跳到末尾</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环播放</translation>
    </message>
    <message>
        <source>Start again at the end (L)</source>
        <translation>播放到末尾后从头开始 (L)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>忘记</translation>
    </message>
    <message>
        <source>Select and memorise</source>
        <translation>选择记忆</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>The forget gate {f} reads {h_prev} and {x} and decides, unit by unit, how much of the old cell state {c_prev} to keep: 1 keeps it all, 0 wipes it.</source>
        <translation>遗忘门 {f} 读取 {h_prev} 和 {x}，逐个单元地决定旧细胞状态 {c_prev} 保留多少：1 表示全部保留，0 表示全部清除。</translation>
    </message>
    <message>
        <source>The candidate {g} is new content (tanh, because it is data, not a gate); the input gate {i} decides how much of it to write. The new cell state {c} is what was kept plus what was written.</source>
        <translation>候选值 {g} 是新内容（用 tanh，因为它是数据而不是门）；输入门 {i} 决定写入其中的多少。新的细胞状态 {c} 等于保留的部分加上写入的部分。</translation>
    </message>
    <message>
        <source>The output gate {o} decides how much of the squashed memory {tanh_c} to show as the hidden state {h}, which the next step and the output read.</source>
        <translation>输出门 {o} 决定把经过压缩的记忆 {tanh_c} 中的多少作为隐藏状态 {h} 输出，供下一时间步和输出层读取。</translation>
    </message>
    <message>
        <source>The reset gate {r} decides how much of the previous state {h_prev} the candidate may look at; near 0, the candidate starts afresh from the input {x}.</source>
        <translation>重置门 {r} 决定候选值能看到多少上一步的状态 {h_prev}；接近 0 时，候选值只根据输入 {x} 重新开始计算。</translation>
    </message>
    <message>
        <source>The candidate {n} proposes new content from the input and the reset-filtered previous state, squashed by tanh into the range −1 to 1.</source>
        <translation>候选值 {n} 根据输入和经重置门过滤后的上一步状态提出新内容，并由 tanh 压缩到 −1 到 1 的范围内。</translation>
    </message>
    <message>
        <source>The update gate {z} blends old and new: near 1 it keeps {h_prev} (like the LSTM&apos;s forget gate), near 0 it takes the candidate {n}.</source>
        <translation>更新门 {z} 负责新旧混合：接近 1 时保留 {h_prev}（类似 LSTM 的遗忘门），接近 0 时采用候选值 {n}。</translation>
    </message>
    <message>
        <source>The same cell runs at every step: it mixes the input {x} with the previous state {h_prev} and squashes the sum with tanh. Only {h} carries information onwards.</source>
        <translation>每个时间步运行的都是同一个单元：它把输入 {x} 与上一步的状态 {h_prev} 混合，再用 tanh 压缩求和结果。只有 {h} 把信息继续向后传递。</translation>
    </message>
    <message>
        <source>Step {t} of {total} · stage {stage} of {stages}</source>
        <translation>时间步 {t}（共 {total} 步）· 阶段 {stage}/{stages}</translation>
    </message>
    <message>
        <source>now, at step {t}</source>
        <translation>当前：第 {t} 步</translation>
    </message>
    <message>
        <source>not yet computed in this step</source>
        <translation>本时间步中尚未计算</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>mean of {c_prev} → {c}: {before} → {after}</source>
        <translation>{c_prev} → {c} 的均值：{before} → {after}</translation>
    </message>
    <message>
        <source>{norm} = {value}</source>
        <translation>{norm} = {value}</translation>
    </message>
    <message>
        <source>value {value}</source>
        <translation>值 {value}</translation>
    </message>
    <message>
        <source>mean {mean}, range {low} to {high}</source>
        <translation>均值 {mean}，范围 {low} 至 {high}</translation>
    </message>
    <message>
        <source>{formula} = {filled} = {total}, where {G} = {g} is the number of weight blocks, {H} = {h} the number of units and {D} = {d} the input size.</source>
        <translation>{formula} = {filled} = {total}，其中 {G} = {g} 为权重组数，{H} = {h} 为单元数，{D} = {d} 为输入维度。</translation>
    </message>
    <message>
        <source>Four blocks: an LSTM needs four times the parameters of a plain RNN of the same width. The GRU does about as well with three blocks.</source>
        <translation>四组权重：同样宽度下，LSTM 的参数量是普通 RNN 的四倍。GRU 只用三组，效果也相差无几。</translation>
    </message>
    <message>
        <source>Three blocks: three quarters of an LSTM of the same width, and in practice often just as good.</source>
        <translation>三组权重：参数量是同样宽度 LSTM 的四分之三，实践中效果往往不相上下。</translation>
    </message>
    <message>
        <source>One block: the smallest recurrent cell; an LSTM of the same width has four times as many parameters.</source>
        <translation>一组权重：结构最简单的循环单元；同样宽度的 LSTM 参数量是它的四倍。</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>the files it names are too large to read</source>
        <translation>它所指定的文件太大，无法读取</translation>
    </message>
    <message>
        <source>Could not restore the last settings</source>
        <translation>无法恢复上次的设置</translation>
    </message>
    <message>
        <source>Started with the defaults instead.

{why}</source>
        <translation>已改用默认设置启动。

{why}</translation>
    </message>
    <message>
        <source>lstm-viz — inside an LSTM</source>
        <translation>lstm-viz — 深入 LSTM 内部</translation>
    </message>
    <message>
        <source>Model and sequence</source>
        <translation>模型与序列</translation>
    </message>
    <message>
        <source>Equations</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open sequence…</source>
        <translation>打开序列…</translation>
    </message>
    <message>
        <source>Load weights…</source>
        <translation>加载权重…</translation>
    </message>
    <message>
        <source>Export frame…</source>
        <translation>导出当前帧…</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>导出动画…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>Backward pass (BPTT)</source>
        <translation>反向传播（BPTT）</translation>
    </message>
    <message>
        <source>Play the gradient flowing back from the last step to the first (B)</source>
        <translation>播放梯度从最后一个时间步反向流回第一个时间步的过程 (B)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Unrolled over time</source>
        <translation>按时间展开</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Reduced motion</source>
        <translation>减少动态效果</translation>
    </message>
    <message>
        <source>Fade each stage in instead of moving pulses along the wires</source>
        <translation>各阶段以淡入方式呈现，不再让光点沿连线移动</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About the LSTM…</source>
        <translation>关于 LSTM…</translation>
    </message>
    <message>
        <source>Keyboard shortcuts…</source>
        <translation>键盘快捷键…</translation>
    </message>
    <message>
        <source>Tour…</source>
        <translation>导览…</translation>
    </message>
    <message>
        <source>About lstm-viz…</source>
        <translation>关于 lstm-viz…</translation>
    </message>
    <message>
        <source>Computing the {model} on {steps} steps… (what is shown stays until then)</source>
        <translation>正在计算 {model} 的 {steps} 步……（在此之前画面保持不变）</translation>
    </message>
    <message>
        <source>Computing the gradient plots…</source>
        <translation>正在计算梯度图…</translation>
    </message>
    <message>
        <source>About lstm-viz {v}</source>
        <translation>关于 lstm-viz {v}</translation>
    </message>
    <message>
        <source>Drag to scrub through the sequence</source>
        <translation>拖动以在序列中前后浏览</translation>
    </message>
    <message>
        <source>Playback speed: at 1× each stage holds {s:g} s</source>
        <translation>播放速度：1× 时每个阶段停留 {s:g} 秒</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>停留</translation>
    </message>
    <message>
        <source>Stop at the end of each stage; Play goes on to the next</source>
        <translation>每个阶段结束时停下；按播放进入下一阶段</translation>
    </message>
    <message>
        <source>Step {t}/{n} · “{token}” · {stage}</source>
        <translation>第 {t}/{n} 步 · “{token}” · {stage}</translation>
    </message>
    <message>
        <source>Step {t}/{n} · {stage}</source>
        <translation>时间步 {t}/{n} · {stage}</translation>
    </message>
    <message>
        <source>{speed:g}×</source>
        <translation>{speed:g}×</translation>
    </message>
    <message>
        <source>Open scenario…</source>
        <translation>打开场景…</translation>
    </message>
    <message>
        <source>Save scenario…</source>
        <translation>保存场景…</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Character LSTM reading Python&apos;s own source</source>
        <translation>读 Python 自身源码的字符级 LSTM</translation>
    </message>
    <message>
        <source>Open a scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <source>Scenarios (*.toml);;All files (*)</source>
        <translation>场景文件 (*.toml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not open the scenario</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课例</translation>
    </message>
    <message>
        <source>Save the scenario</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <source>Scenarios (*.toml)</source>
        <translation>场景文件 (*.toml)</translation>
    </message>
    <message>
        <source>Could not save the scenario</source>
        <translation>无法保存场景</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>RNN (tanh)</source>
        <translation>RNN（tanh）</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>正向</translation>
    </message>
    <message>
        <source>reverse</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>Columns…</source>
        <translation>列…</translation>
    </message>
    <message>
        <source>The recurrent cell to look inside</source>
        <translation>选择要观察其内部的循环单元</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>H: the number of units in every gate and state</source>
        <translation>H：每个门和每个状态中的单元数</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation>隐藏层大小</translation>
    </message>
    <message>
        <source>custom (type values)</source>
        <translation>自定义（手动输入数值）</translation>
    </message>
    <message>
        <source>from a file…</source>
        <translation>从文件读取…</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>One row per step, one column per feature, e.g.
1
0
0.5, 0.2</source>
        <translation>每行一个时间步，每列一个特征，例如：
1
0
0.5, 0.2</translation>
    </message>
    <message>
        <source>Use these values</source>
        <translation>使用这些数值</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>D: input features per step, where the sequence allows</source>
        <translation>D：每个时间步的输入特征数（仅在序列允许时可改）</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>输入维度</translation>
    </message>
    <message>
        <source>T: the number of steps of a built-in sequence</source>
        <translation>T：内置序列的时间步数</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>Seeds the weights and the random sequences</source>
        <translation>用于生成权重和随机序列的随机种子</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>uniform (PyTorch)</source>
        <translation>均匀分布（PyTorch）</translation>
    </message>
    <message>
        <source>orthogonal</source>
        <translation>正交</translation>
    </message>
    <message>
        <source>Init of W_hh</source>
        <translation>W_hh 初始化</translation>
    </message>
    <message>
        <source>Nonlinearity</source>
        <translation>非线性函数</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>set σ_max</source>
        <translation>设定 σ_max</translation>
    </message>
    <message>
        <source>The largest singular value of each block of W_hh. Below 1 a tanh RNN&apos;s gradients must vanish (Pascanu et al. 2013); well above 1 they can explode.</source>
        <translation>W_hh 每个分块的最大奇异值。小于 1 时，tanh RNN 的梯度必然消失（Pascanu 等，2013）；远大于 1 时，梯度可能爆炸。</translation>
    </message>
    <message>
        <source>Recurrent scale</source>
        <translation>循环缩放系数</translation>
    </message>
    <message>
        <source>set</source>
        <translation>设定</translation>
    </message>
    <message>
        <source>The forget gate&apos;s effective bias (the GRU&apos;s update gate). PyTorch adds two biases, b_ih and b_hh; this sets their sum. Larger values keep more of the cell state.</source>
        <translation>遗忘门的有效偏置（对 GRU 而言是更新门）。PyTorch 有 b_ih 和 b_hh 两个偏置，这里设定的是二者之和。值越大，保留的细胞状态越多。</translation>
    </message>
    <message>
        <source>Forget bias</source>
        <translation>遗忘门偏置</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>加载…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>sine</source>
        <translation>正弦</translation>
    </message>
    <message>
        <source>square</source>
        <translation>方波</translation>
    </message>
    <message>
        <source>impulse</source>
        <translation>脉冲</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>random walk</source>
        <translation>随机游走</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Let every setting be changed again</source>
        <translation>允许重新修改所有设置</translation>
    </message>
    <message>
        <source>Open a sequence</source>
        <translation>打开序列</translation>
    </message>
    <message>
        <source>Sequences (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>序列文件 (*.csv *.txt *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Load weights</source>
        <translation>加载权重</translation>
    </message>
    <message>
        <source>Weights (*.npz *.safetensors *.pt *.pth *.ckpt *.net *.bin *.keras *.h5 *.onnx);;All files (*)</source>
        <translation>权重文件 (*.npz *.safetensors *.pt *.pth *.ckpt *.net *.bin *.keras *.h5 *.onnx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Update-gate bias</source>
        <translation>更新门偏置</translation>
    </message>
    <message>
        <source>Type the values below and choose “{use}”; until then the previous sequence runs: {name}.</source>
        <translation>请在下方输入数值并选择“{use}”；在此之前仍运行先前的序列：{name}。</translation>
    </message>
    <message>
        <source>{name}: {kind}, D={d}, H={h}</source>
        <translation>{name}：{kind}，D={d}，H={h}</translation>
    </message>
    <message>
        <source>{layers} layer(s) × {directions} direction(s)</source>
        <translation>{layers} 层 × {directions} 个方向</translation>
    </message>
    <message>
        <source>none (initialised from the seed)</source>
        <translation>无（由随机种子初始化）</translation>
    </message>
    <message>
        <source>{kind}: {n} parameters</source>
        <translation>{kind}：{n} 个参数</translation>
    </message>
    <message>
        <source>{kind}: {n} parameters in the cell shown, {total} in the whole model</source>
        <translation>{kind}：所显示的单元有 {n} 个参数，整个模型共 {total} 个</translation>
    </message>
    <message>
        <source>text (characters or words)</source>
        <translation>文本（字符或词）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Locked by the lesson: {names}</source>
        <translation>已被课例锁定：{names}</translation>
    </message>
    <message>
        <source>Locked by the lesson (Unlock to change it)</source>
        <translation>已被课例锁定（点击“解锁”后可修改）</translation>
    </message>
    <message>
        <source>{setting}: {problem}</source>
        <translation>{setting}：{problem}</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start training (or resume after Pause)</source>
        <translation>开始训练（暂停后点击则继续训练）</translation>
    </message>
    <message>
        <source>Stop after the current iteration; Start resumes</source>
        <translation>在当前迭代结束后暂停；之后点击“继续”即可恢复训练</translation>
    </message>
    <message>
        <source>Discard the progress and unlock the settings</source>
        <translation>丢弃训练进度并解锁设置</translation>
    </message>
    <message>
        <source>Clipping rescue</source>
        <translation>裁剪挽救</translation>
    </message>
    <message>
        <source>Train the same RNN with and without gradient clipping, side by side, on a setting where the unclipped run explodes (sine, T = 20, SGD with momentum, learning rate 0.6, clipping at 0.25)</source>
        <translation>在一个不裁剪就会梯度爆炸的设置上（正弦，T = 20，带动量的 SGD，学习率 0.6，裁剪阈值 0.25），并排训练同一个 RNN：一次做梯度裁剪，一次不做</translation>
    </message>
    <message>
        <source>Iteration, mean loss of the last {n} iterations, test error on {s} held-out sequences when finished, and status</source>
        <translation>迭代次数、最近 {n} 次迭代的平均损失、训练结束后在 {s} 条留出序列上的测试误差，以及当前状态</translation>
    </message>
    <message>
        <source>The trained model to show or save</source>
        <translation>要显示或保存的已训练模型</translation>
    </message>
    <message>
        <source>Show in the cell</source>
        <translation>在单元图中显示</translation>
    </message>
    <message>
        <source>Show this trained model in the diagram and the gradient plots, on a fresh sequence of the task</source>
        <translation>在单元图和梯度图中展示这个已训练的模型，输入为该任务新生成的一条序列</translation>
    </message>
    <message>
        <source>Save weights…</source>
        <translation>保存权重…</translation>
    </message>
    <message>
        <source>Write the trained weights (PyTorch keys plus the read-out) to a file</source>
        <translation>将训练好的权重（使用 PyTorch 键名，另含读出层）写入文件</translation>
    </message>
    <message>
        <source>File → Load weights… opens saved weights again.</source>
        <translation>可通过“文件 → 加载权重…”重新打开已保存的权重。</translation>
    </message>
    <message>
        <source>predict the mean: {v:.3f}</source>
        <translation>预测均值：{v:.3f}</translation>
    </message>
    <message>
        <source>guess a symbol: {v:.3f}</source>
        <translation>随机猜符号：{v:.3f}</translation>
    </message>
    <message>
        <source>predict 0: {v:.3f}</source>
        <translation>恒预测 0：{v:.3f}</translation>
    </message>
    <message>
        <source>Could not save the weights: {e}</source>
        <translation>无法保存权重：{e}</translation>
    </message>
    <message>
        <source>Save trained weights</source>
        <translation>保存训练好的权重</translation>
    </message>
    <message>
        <source>safetensors (*.safetensors);;NumPy archive (*.npz)</source>
        <translation>safetensors 文件 (*.safetensors);;NumPy 归档 (*.npz)</translation>
    </message>
    <message>
        <source>Saved {f}. File → Load weights… opens it again.</source>
        <translation>已保存 {f}。可通过“文件 → 加载权重…”重新打开。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>iteration {i} / {n}</source>
        <translation>迭代 {i} / {n}</translation>
    </message>
    <message>
        <source>loss {v:.3g}</source>
        <translation>损失 {v:.3g}</translation>
    </message>
    <message>
        <source>test MSE {v:.3g}</source>
        <translation>测试 MSE {v:.3g}</translation>
    </message>
    <message>
        <source>accuracy {p:.0%}</source>
        <translation>准确率 {p:.0%}</translation>
    </message>
    <message>
        <source>running</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>adding problem</source>
        <translation>加法问题</translation>
    </message>
    <message>
        <source>copy task</source>
        <translation>复制任务</translation>
    </message>
    <message>
        <source>sine prediction</source>
        <translation>正弦预测</translation>
    </message>
    <message>
        <source>adding: sum the two marked numbers of the sequence (needs memory over T steps); copy: reproduce 3 symbols after a gap; sine: predict the next value</source>
        <translation>加法：求序列中两个被标记数字之和（需要跨越 T 个时间步的记忆）；复制：间隔一段时间后复现 3 个符号；正弦：预测下一个值</translation>
    </message>
    <message>
        <source>T: steps per sequence — the time lag the model must bridge</source>
        <translation>T：每条序列的时间步数，即模型必须跨越的时间间隔</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Train the {m} too (same seed, same batches as the others)</source>
        <translation>同时训练 {m}（与其他模型使用相同的随机种子和相同的批次）</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>H: units of every model</source>
        <translation>H：每个模型的单元数</translation>
    </message>
    <message>
        <source>Iterations of {b} sequences each</source>
        <translation>迭代次数，每次迭代使用 {b} 条序列</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>SGD, momentum {m:g}</source>
        <translation>SGD，动量 {m:g}</translation>
    </message>
    <message>
        <source>How the gradient updates the weights</source>
        <translation>梯度如何更新权重</translation>
    </message>
    <message>
        <source>Learning rate: the step size of each update</source>
        <translation>学习率：每次更新的步长</translation>
    </message>
    <message>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Clip gradients at</source>
        <translation>梯度裁剪阈值</translation>
    </message>
    <message>
        <source>Also train each model without clipping (dashed)</source>
        <translation>每个模型再不做裁剪训练一次（虚线）</translation>
    </message>
    <message>
        <source>The same model, seed and batches once more with clipping off, side by side</source>
        <translation>同一个模型、同样的种子和批次，关闭裁剪再训练一次，并排显示</translation>
    </message>
    <message>
        <source>Rescale all gradients together when their global norm exceeds the threshold</source>
        <translation>当全局梯度范数超过阈值时，将所有梯度统一按比例缩小</translation>
    </message>
    <message>
        <source>The clipping threshold for ‖∇_θ L‖</source>
        <translation>‖∇_θ L‖ 的裁剪阈值</translation>
    </message>
    <message>
        <source>Seeds the weights and the batches: the same for every model</source>
        <translation>用于生成权重和批次的随机种子，所有模型相同</translation>
    </message>
    <message>
        <source>Tick at least one model to train.</source>
        <translation>请至少勾选一个要训练的模型。</translation>
    </message>
    <message>
        <source>The {task} task needs T ≥ {n}.</source>
        <translation>“{task}”要求 T ≥ {n}。</translation>
    </message>
    <message>
        <source>The learning rate must be greater than 0.</source>
        <translation>学习率必须大于 0。</translation>
    </message>
    <message>
        <source>The clipping threshold must be greater than 0 (or untick it).</source>
        <translation>裁剪阈值必须大于 0（或取消勾选梯度裁剪）。</translation>
    </message>
    <message>
        <source>Tick “Clip gradients at” to compare with and without clipping.</source>
        <translation>请勾选“梯度裁剪阈值”，才能比较裁剪与不裁剪。</translation>
    </message>
    <message>
        <source>Forget: the forget gate fₜ decides how much of the old cell state cₜ₋₁ to keep. At this step it kept {p}% of it on average (units from {lo}% to {hi}%).</source>
        <translation>忘记阶段：遗忘门 fₜ 决定保留多少旧的细胞状态 cₜ₋₁。在这一步，它平均保留了 {p}%（各单元介于 {lo}% 到 {hi}% 之间）。</translation>
    </message>
    <message>
        <source>Output: the output gate oₜ decides how much of tanh(cₜ) becomes the hidden state hₜ. It opened {p}% on average; hₜ ranges from {lo} to {hi}.</source>
        <translation>输出阶段：输出门 oₜ 决定 tanh(cₜ) 中有多少成为隐藏状态 hₜ。它平均打开了 {p}%；hₜ 的取值范围为 {lo} 到 {hi}。</translation>
    </message>
    <message>
        <source>Reset: the reset gate rₜ decides how much of the previous hidden state feeds the candidate. It let {p}% of it through on average.</source>
        <translation>重置阶段：重置门 rₜ 决定上一步的隐藏状态有多少参与候选值的计算。它平均放行了 {p}%。</translation>
    </message>
    <message>
        <source>Candidate: nₜ proposes a new hidden state from xₜ and the reset history. Its mean is {m}; {k} of {H} units are near ±1.</source>
        <translation>候选阶段：nₜ 根据 xₜ 和经过重置的历史信息，给出一个新的候选隐藏状态。其均值为 {m}；{H} 个单元中有 {k} 个接近 ±1。</translation>
    </message>
    <message>
        <source>Select and memorise: the input gate iₜ decides how much of the candidate gₜ to write, so {equation}. It let {p}% through on average; each unit of the cell state moved by {d} on average (|cₜ − cₜ₋₁|).</source>
        <translation>选择记忆阶段：输入门 iₜ 决定把多少候选值 gₜ 写入细胞状态，即 {equation}。它平均放行了 {p}%；细胞状态的每个单元平均变化了 {d}（|cₜ − cₜ₋₁|）。</translation>
    </message>
    <message>
        <source>Update: the update gate zₜ blends old and new, {equation}. It kept {p}% of the old state on average and wrote {q}% of the candidate.</source>
        <translation>更新阶段：更新门 zₜ 将新旧信息加权融合，{equation}。它平均保留了 {p}% 的旧状态，写入了 {q}% 的候选值。</translation>
    </message>
    <message>
        <source>Update: one tanh layer mixes xₜ and hₜ₋₁ into hₜ; there is no gate and no cell state. {k} of {H} units are saturated (beyond ±0.95), where almost no gradient passes back through tanh.</source>
        <translation>更新阶段：由一个 tanh 层把 xₜ 和 hₜ₋₁ 混合成 hₜ，既没有门，也没有细胞状态。{H} 个单元中有 {k} 个已经饱和（超出 ±0.95），在这些单元上几乎没有梯度能反向穿过 tanh。</translation>
    </message>
    <message>
        <source>At “{token}” (step {t}): {caption}</source>
        <translation>在“{token}”（第 {t} 步）：{caption}</translation>
    </message>
    <message>
        <source>The read-out gives {value}.</source>
        <translation>读出层给出 {value}。</translation>
    </message>
    <message>
        <source>The read-out predicts “{label}” ({p}).</source>
        <translation>读出层预测“{label}”（{p}）。</translation>
    </message>
    <message>
        <source>{stage}: some values at this step are not finite (the forward pass overflowed); they are shown in magenta. Lower the recurrent scale or the input size.</source>
        <translation>{stage}：这一步有些数值不是有限值（前向传播发生了溢出），已用品红色标出。请调低循环缩放系数或输入维度。</translation>
    </message>
    <message>
        <source>{stage}: about to run. Press → or Space to compute it.</source>
        <translation>{stage}：即将执行。按 → 或 Space 计算这一阶段。</translation>
    </message>
    <message>
        <source>Backward pass: the gradient of the last step&apos;s loss has reached step {t}: ‖∂L/∂hₜ‖ = {h}.</source>
        <translation>反向传播：最后一步损失的梯度已传到第 {t} 步：‖∂L/∂hₜ‖ = {h}。</translation>
    </message>
    <message>
        <source>Each step back multiplies it by W_hh and tanh&apos;s slope: it shrinks or grows geometrically.</source>
        <translation>每往回传一步，梯度都要乘以 W_hh 和 tanh 的斜率，因此会按几何级数缩小或增大。</translation>
    </message>
    <message>
        <source>The update gate&apos;s direct path hₜ₋₁ → hₜ (through zₜ) carries part of it back.</source>
        <translation>更新门的直连路径 hₜ₋₁ → hₜ（经由 zₜ）会把其中一部分梯度传回去。</translation>
    </message>
    <message>
        <source>Of what reaches cₜ₋₁, {p}% came along the cell-state highway (through fₜ) and {q}% through hₜ₋₁&apos;s own output.</source>
        <translation>到达 cₜ₋₁ 的梯度中，{p}% 来自细胞状态高速通路（经由 fₜ），{q}% 经由 hₜ₋₁ 自身的输出传来。</translation>
    </message>
    <message>
        <source>{sentence} {following}</source>
        <translation>{sentence}{following}</translation>
    </message>
    <message>
        <source>overflow</source>
        <translation>溢出</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>not yet computed</source>
        <translation>尚未计算</translation>
    </message>
    <message>
        <source>‖∂L/∂·‖ {n}</source>
        <translation>‖∂L/∂·‖ {n}</translation>
    </message>
    <message>
        <source>mean {m}, ±{p}</source>
        <translation>均值 {m}，±{p}</translation>
    </message>
    <message>
        <source>mean {m}</source>
        <translation>均值 {m}</translation>
    </message>
    <message>
        <source>Backward pass</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>gradients, scaled to ±1</source>
        <translation>梯度（缩放到 ±1）</translation>
    </message>
    <message>
        <source>σ gates</source>
        <translation>σ 门</translation>
    </message>
    <message>
        <source>tanh, states</source>
        <translation>tanh 与状态</translation>
    </message>
    <message>
        <source>backward pass  ·  the gradient reaches step {t} of {T}</source>
        <translation>反向传播  ·  梯度已到达第 {t}/{T} 步</translation>
    </message>
    <message>
        <source>step {t} of {T}  ·  stage {s} of {S}: {name}</source>
        <translation>第 {t}/{T} 步  ·  第 {s}/{S} 阶段：{name}</translation>
    </message>
    <message>
        <source>{n} parameters = {formula}</source>
        <translation>参数量 {n} = {formula}</translation>
    </message>
    <message>
        <source>hidden size H = {H} · input size D = {D}</source>
        <translation>隐藏维度 H = {H} · 输入维度 D = {D}</translation>
    </message>
    <message>
        <source>projection P = {P}</source>
        <translation>投影 P = {P}</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>previous hidden state</source>
        <translation>上一步隐藏状态</translation>
    </message>
    <message>
        <source>hidden state</source>
        <translation>隐藏状态</translation>
    </message>
    <message>
        <source>previous cell state</source>
        <translation>上一步细胞状态</translation>
    </message>
    <message>
        <source>cell state</source>
        <translation>细胞状态</translation>
    </message>
    <message>
        <source>LSTM cell</source>
        <translation>LSTM 单元</translation>
    </message>
    <message>
        <source>forget gate</source>
        <translation>遗忘门</translation>
    </message>
    <message>
        <source>input gate</source>
        <translation>输入门</translation>
    </message>
    <message>
        <source>candidate</source>
        <translation>候选值</translation>
    </message>
    <message>
        <source>output gate</source>
        <translation>输出门</translation>
    </message>
    <message>
        <source>pre-activation</source>
        <translation>预激活值</translation>
    </message>
    <message>
        <source>forget</source>
        <translation>遗忘</translation>
    </message>
    <message>
        <source>write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>new cell state</source>
        <translation>新的细胞状态</translation>
    </message>
    <message>
        <source>squash</source>
        <translation>压缩</translation>
    </message>
    <message>
        <source>new hidden state</source>
        <translation>新的隐藏状态</translation>
    </message>
    <message>
        <source>GRU cell</source>
        <translation>GRU 单元</translation>
    </message>
    <message>
        <source>update gate</source>
        <translation>更新门</translation>
    </message>
    <message>
        <source>reset gate</source>
        <translation>重置门</translation>
    </message>
    <message>
        <source>reset the history</source>
        <translation>重置历史信息</translation>
    </message>
    <message>
        <source>keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>complement</source>
        <translation>取补</translation>
    </message>
    <message>
        <source>RNN cell</source>
        <translation>RNN 单元</translation>
    </message>
    <message>
        <source>tanh layer</source>
        <translation>tanh 层</translation>
    </message>
    <message>
        <source>Click a step to jump to it</source>
        <translation>点击某一步即可跳转过去</translation>
    </message>
    <message>
        <source>step {t}</source>
        <translation>第 {t} 步</translation>
    </message>
    <message>
        <source>{p} pinned</source>
        <translation>固定 {p} 个</translation>
    </message>
    <message>
        <source>The rows draw the {p} pinned units and the {k} most active others of the model&apos;s {n}; “+{r}”: the units left out. Right-click a unit to pin or unpin it, or choose View → Units… to type a list.</source>
        <translation>这些行显示固定的 {p} 个单元，以及模型 {n} 个单元中其余最活跃的 {k} 个；“+{r}”：未显示的单元。右键点击一个单元可固定或取消固定，或选择“视图 → 单元…”输入列表。</translation>
    </message>
    <message>
        <source>top {k}</source>
        <translation>前 {k} 个</translation>
    </message>
    <message>
        <source>The rows draw the {k} most active of the model&apos;s {n} units (largest mean |h| over time); “+{r}”: the units left out. Right-click a unit to pin it, or choose View → Units… to type a list.</source>
        <translation>这些行显示模型 {n} 个单元中最活跃的 {k} 个（整个序列上平均 |h| 最大）；“+{r}”：未显示的单元。右键点击一个单元可将其固定，或选择“视图 → 单元…”输入列表。</translation>
    </message>
    <message>
        <source>layer {k}</source>
        <translation>第 {k} 层</translation>
    </message>
    <message>
        <source>The strip draws the {k} pinned units (in bold).</source>
        <translation>色条显示固定的 {k} 个单元（粗体）。</translation>
    </message>
    <message>
        <source>The strip draws the {k} most active units (largest mean |h| over time; in bold).</source>
        <translation>色条显示最活跃的 {k} 个单元（整个序列上平均 |h| 最大；粗体）。</translation>
    </message>
    <message>
        <source>The strip draws the {p} pinned units and the {k} most active others (in bold).</source>
        <translation>色条显示固定的 {p} 个单元，以及其余最活跃的 {k} 个（粗体）。</translation>
    </message>
    <message>
        <source>The band beside it: the other {n} units&apos; min {lo}, mean {m}, max {hi}.</source>
        <translation>旁边的小色带：其余 {n} 个单元的最小值 {lo}、均值 {m}、最大值 {hi}。</translation>
    </message>
    <message>
        <source>Pinned units the model does not have: {units}.</source>
        <translation>模型中没有这些固定的单元：{units}。</translation>
    </message>
    <message>
        <source>PyTorch&apos;s parameters: {names}</source>
        <translation>PyTorch 参数：{names}</translation>
    </message>
    <message>
        <source>Not yet computed: this happens in a later stage of step {t}.</source>
        <translation>尚未计算：这会在第 {t} 步稍后的阶段中进行。</translation>
    </message>
    <message>
        <source>step {t}: mean pre-activation {a} → mean {name} {m}</source>
        <translation>第 {t} 步：激活前均值 {a} → {name} 均值 {m}</translation>
    </message>
    <message>
        <source>step {t}: mean aₜ {a} → mean hₜ {m}</source>
        <translation>第 {t} 步：aₜ 均值 {a} → hₜ 均值 {m}</translation>
    </message>
    <message>
        <source>step {t}: mean {m}, from {lo} to {hi}</source>
        <translation>第 {t} 步：均值 {m}，范围 {lo} 到 {hi}</translation>
    </message>
    <message>
        <source>{n} values:</source>
        <translation>共 {n} 个值：</translation>
    </message>
    <message>
        <source>A run beats the trivial loss at the first iteration where its mean loss over the last {n} iterations is below {f:g} × the trivial loss</source>
        <translation>一次运行胜过平凡损失，是指它最近 {n} 次迭代的平均损失首次低于平凡损失的 {f:g} 倍的那次迭代</translation>
    </message>
    <message>
        <source>beat the trivial loss at iteration {i}</source>
        <translation>在第 {i} 次迭代胜过平凡损失</translation>
    </message>
    <message>
        <source>never beat the trivial loss</source>
        <translation>始终没有胜过平凡损失</translation>
    </message>
    <message>
        <source>not below the trivial loss yet</source>
        <translation>尚未低于平凡损失</translation>
    </message>
    <message>
        <source>{p} parameters</source>
        <translation>{p} 个参数</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>未计算</translation>
    </message>
    <message>
        <source>iteration {i}</source>
        <translation>第 {i} 次迭代</translation>
    </message>
    <message>
        <source>The GRU has {pg} parameters, {share:.0%} of the LSTM&apos;s {pl} (three blocks of weights to its four). First beat the trivial loss: GRU {ig}, LSTM {il}.</source>
        <translation>GRU 有 {pg} 个参数，是 LSTM 的 {pl} 个的 {share:.0%}（三组权重对四组）。首次胜过平凡损失：GRU {ig}，LSTM {il}。</translation>
    </message>
    <message>
        <source>the run overflowed at iteration {i} and diverged</source>
        <translation>这次运行在第 {i} 次迭代溢出并发散</translation>
    </message>
    <message>
        <source>the run overflowed at iteration {i}</source>
        <translation>这次运行在第 {i} 次迭代溢出</translation>
    </message>
    <message>
        <source>the loss ended at {v:.3g}</source>
        <translation>损失最终为 {v:.3g}</translation>
    </message>
    <message>
        <source>Clipping at {clip:g} rescued the {m}: with it the loss fell to {lc:.2g} (trivial {t:.3g}); without it the gradient norm reached {peak:.2g} — {fate}.</source>
        <translation>阈值 {clip:g} 的梯度裁剪挽救了 {m}：有裁剪时损失降到 {lc:.2g}（平凡损失 {t:.3g}）；没有裁剪时梯度范数达到 {peak:.2g}——{fate}。</translation>
    </message>
    <message>
        <source>With clipping at {clip:g} the {m}&apos;s loss ended at {lc:.3g}, without it at {lu:.3g} (trivial {t:.3g}).</source>
        <translation>做阈值 {clip:g} 的梯度裁剪时，{m} 的损失最终为 {lc:.3g}；不裁剪时为 {lu:.3g}（平凡损失 {t:.3g}）。</translation>
    </message>
    <message>
        <source>Window: diagram, plot and caption</source>
        <translation>整个窗口：单元图、图表和说明文字</translation>
    </message>
    <message>
        <source>Diagram</source>
        <translation>单元图</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Custom size</source>
        <translation>自定义尺寸</translation>
    </message>
    <message>
        <source>Stage caption</source>
        <translation>阶段说明文字</translation>
    </message>
    <message>
        <source>Title line (model, sizes, sequence)</source>
        <translation>标题行（模型、维度、序列）</translation>
    </message>
    <message>
        <source>Unrolled (steps t−1, t, t+1)</source>
        <translation>展开视图（时间步 t−1、t、t+1）</translation>
    </message>
    <message>
        <source>Shows</source>
        <translation>显示内容</translation>
    </message>
    <message>
        <source>For</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Every stage, with its travelling pulses</source>
        <translation>逐阶段导出，包含流动的脉冲</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source> frames per stage</source>
        <translation> 帧/阶段</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>Frames per second</source>
        <translation>每秒帧数</translation>
    </message>
    <message>
        <source>Type a text: one step per character or word</source>
        <translation>输入一段文本：每个字符或每个词占一个时间步</translation>
    </message>
    <message>
        <source>Use this text</source>
        <translation>使用这段文本</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>类别名</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>words</source>
        <translation>词</translation>
    </message>
    <message>
        <source>Open a vocabulary</source>
        <translation>打开词表</translation>
    </message>
    <message>
        <source>Open the class names</source>
        <translation>打开类别名</translation>
    </message>
    <message>
        <source>Token lists (*.txt *.json);;All files (*)</source>
        <translation>词元列表 (*.txt *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>the weights file&apos;s own</source>
        <translation>权重文件自带的</translation>
    </message>
    <message>
        <source>Preview at 100 % (the picture&apos;s own pixels)</source>
        <translation>按 100% 预览（图片本身的像素）</translation>
    </message>
    <message>
        <source>{w} × {h} pixels</source>
        <translation>{w} × {h} 像素</translation>
    </message>
    <message>
        <source>Export frame</source>
        <translation>导出当前帧</translation>
    </message>
    <message>
        <source>Computing the plots, then writing the file…</source>
        <translation>正在计算图表，然后写入文件…</translation>
    </message>
    <message>
        <source>WebP, every colour exact (*.webp)</source>
        <translation>WebP，每种颜色都准确 (*.webp)</translation>
    </message>
    <message>
        <source>PNG frames (*)</source>
        <translation>PNG 帧序列 (*)</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source> · {n} frames, {s:.1f} s</source>
        <translation> · {n} 帧，{s:.1f} s</translation>
    </message>
    <message>
        <source>MP4: not available (pip install &apos;lstm-viz[mp4]&apos;)</source>
        <translation>MP4：不可用（需要 pip install &apos;lstm-viz[mp4]&apos;）</translation>
    </message>
    <message>
        <source>Rendering frames…</source>
        <translation>正在渲染帧…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>GIF has 256 colours a frame: flat colours stay exact, blends and smooth edges are approximated. WebP (lossless) keeps every colour and plays in every browser and in slide software that takes web images.</source>
        <translation>GIF 每帧只有 256 种颜色：纯色保持准确，混合色和平滑边缘是近似的。WebP（无损）保留每一种颜色，可在所有浏览器以及支持网页图片的幻灯片软件中播放。</translation>
    </message>
    <message>
        <source>Backward pass (the gradient flowing back; steps count from T)</source>
        <translation>反向传播（梯度向回流动；步数从 T 开始计）</translation>
    </message>
    <message>
        <source>Frame {k} of {n}</source>
        <translation>第 {k} 帧，共 {n} 帧</translation>
    </message>
    <message>
        <source>{kind} · hidden size H = {h} · input size D = {d} · sequence “{seq}”, {t} steps · weights {name}</source>
        <translation>{kind} · 隐藏层大小 H = {h} · 输入维度 D = {d} · 序列“{seq}”，{t} 个时间步 · 权重 {name}</translation>
    </message>
    <message>
        <source>{kind} · hidden size H = {h} · input size D = {d} · sequence “{seq}”, {t} steps</source>
        <translation>{kind} · 隐藏层大小 H = {h} · 输入维度 D = {d} · 序列“{seq}”，{t} 个时间步</translation>
    </message>
    <message>
        <source>the gradient plots took too long to compute</source>
        <translation>梯度图计算超时</translation>
    </message>
    <message>
        <source>Slides 16:9 (1920×1080)</source>
        <translation>幻灯片 16:9 (1920×1080)</translation>
    </message>
    <message>
        <source>Slides 4:3 (2048×1536)</source>
        <translation>幻灯片 4:3 (2048×1536)</translation>
    </message>
    <message>
        <source>Document (A4 width at 300 dpi, 2480×1396)</source>
        <translation>文档（A4 宽度，300 dpi，2480×1396）</translation>
    </message>
    <message>
        <source>Social (1080×1080)</source>
        <translation>社交媒体 (1080×1080)</translation>
    </message>
    <message>
        <source>size: each side must be 16 to {m} pixels</source>
        <translation>尺寸：每边必须在 16 到 {m} 像素之间</translation>
    </message>
    <message>
        <source>scale: must be 0.25 to 8, and the picture at most {m} pixels wide</source>
        <translation>像素密度：必须在 0.25 到 8 之间，且画面每边不超过 {m} 像素</translation>
    </message>
    <message>
        <source>fps: must be from 1 to {m:g}</source>
        <translation>帧率：必须在 1 到 {m:g} fps 之间</translation>
    </message>
    <message>
        <source>steps: the first step must be ≥ 1 and ≤ the last</source>
        <translation>时间步：起始步必须 ≥ 1 且 ≤ 结束步</translation>
    </message>
    <message>
        <source>pulse frames: must be from 1 to 60</source>
        <translation>每阶段帧数：必须在 1 到 60 之间</translation>
    </message>
    <message>
        <source>{name}: must be one of {allowed}, not {value!r}</source>
        <translation>{name}：必须是 {allowed} 之一，不能是 {value!r}</translation>
    </message>
    <message>
        <source>lang: must be en (English) or zh (简体中文), not {value!r}</source>
        <translation>语言：只能是 en（English）或 zh（简体中文），而不是 {value!r}</translation>
    </message>
    <message>
        <source>step {s} is past the end: the sequence has only {n} steps</source>
        <translation>第 {s} 步超出范围：序列只有 {n} 个时间步</translation>
    </message>
    <message>
        <source>unknown format {f!r}</source>
        <translation>未知格式 {f!r}</translation>
    </message>
    <message>
        <source>unknown file type {s!r}: use .png, .svg, .gif, .apng, .webp, .mp4, or a folder name for numbered PNG frames</source>
        <translation>未知的文件类型 {s!r}：请使用 .png、.svg、.gif、.apng、.webp、.mp4，或用文件夹名保存编号的 PNG 帧</translation>
    </message>
    <message>
        <source>output: .png or .svg (one frame), .gif, .apng, .webp (lossless: every colour exact), .mp4, or a folder for numbered PNG frames</source>
        <translation>输出：.png 或 .svg（单帧）、.gif、.apng、.webp（无损：每种颜色都准确）、.mp4，或保存编号 PNG 帧的文件夹</translation>
    </message>
    <message>
        <source>steps to show: N is steps 1 to N, A-B steps A to B (default: all); with --backward they count along the backward pass, whose step 1 is step T</source>
        <translation>要显示的步：N 表示第 1 到第 N 步，A-B 表示第 A 到第 B 步（默认：全部）；使用 --backward 时沿反向传播计数，其第 1 步是第 T 步</translation>
    </message>
    <message>
        <source>for a single frame: the step shown (default: the last; see --steps)</source>
        <translation>单帧时显示的步（默认：最后一步；见 --steps）</translation>
    </message>
    <message>
        <source>picture size for a purpose, with legible text: slides (1920×1080, the default), slides-4x3 (2048×1536), document (2480×1396), social (1080×1080)</source>
        <translation>按用途选择图片尺寸，文字清晰可读：slides（1920×1080，默认）、slides-4x3（2048×1536）、document（2480×1396）、social（1080×1080）</translation>
    </message>
    <message>
        <source>layout size in pixels instead of the preset&apos;s (the picture is this × --scale)</source>
        <translation>以像素为单位的布局尺寸，代替预设的尺寸（图片大小为此值 × --scale）</translation>
    </message>
    <message>
        <source>pixel density instead of the preset&apos;s: 2 doubles the pixels with the same layout (default with --size: 1)</source>
        <translation>像素密度，代替预设的密度：2 表示布局不变、像素加倍（与 --size 一起使用时默认为 1）</translation>
    </message>
    <message>
        <source>the backward pass: the gradient flowing from step T back to step 1 (the whole pass by default)</source>
        <translation>反向传播：梯度从第 T 步流回第 1 步（默认整个过程）</translation>
    </message>
    <message>
        <source>override the format the suffix implies</source>
        <translation>覆盖由文件扩展名推断出的格式</translation>
    </message>
    <message>
        <source>frames per second (default: 12)</source>
        <translation>每秒帧数（默认：12）</translation>
    </message>
    <message>
        <source>every stage with its travelling pulses, not only whole steps</source>
        <translation>导出每个阶段及其流动的脉冲，而不只是完整的时间步</translation>
    </message>
    <message>
        <source>frames per stage with --stages (default: 6)</source>
        <translation>使用 --stages 时每个阶段的帧数（默认：6）</translation>
    </message>
    <message>
        <source>what the picture shows (default: window = diagram, plots and caption)</source>
        <translation>图片显示的内容（默认：window，即单元图、图表和说明文字）</translation>
    </message>
    <message>
        <source>the gradient plot shown (default: gradient)</source>
        <translation>显示哪一张梯度图（默认：gradient）</translation>
    </message>
    <message>
        <source>language of the text: en (English, the default) or zh (简体中文)</source>
        <translation>文字所用的语言：en（English，默认）或 zh（简体中文）</translation>
    </message>
    <message>
        <source>leave out the stage caption</source>
        <translation>不显示阶段说明文字</translation>
    </message>
    <message>
        <source>add a title line: model, sizes, sequence</source>
        <translation>添加标题行：模型、维度、序列</translation>
    </message>
    <message>
        <source>show steps t−1, t, t+1 side by side</source>
        <translation>并排显示时间步 t−1、t、t+1</translation>
    </message>
    <message>
        <source>size: write it as WIDTHxHEIGHT, e.g. 960x540, not {t!r}</source>
        <translation>尺寸：请写成“宽x高”的形式，例如 960x540，而不是 {t!r}</translation>
    </message>
    <message>
        <source>steps: write N (steps 1 to N) or A-B, not {t!r}</source>
        <translation>时间步：请写成 N（第 1 到 N 步）或 A-B，而不是 {t!r}</translation>
    </message>
    <message>
        <source>cannot write {p}: the disk is full</source>
        <translation>无法写入 {p}：磁盘已满</translation>
    </message>
    <message>
        <source>cannot write {p}: permission denied</source>
        <translation>无法写入 {p}：权限不足</translation>
    </message>
    <message>
        <source>cannot write {p}: {why}</source>
        <translation>无法写入 {p}：{why}</translation>
    </message>
    <message>
        <source>export failed: {why}</source>
        <translation>导出失败：{why}</translation>
    </message>
    <message>
        <source>{f} holds a single frame; use export_still</source>
        <translation>{f} 格式只能保存单帧；请使用 export_still</translation>
    </message>
    <message>
        <source>Exported by lstm-viz</source>
        <translation>由 lstm-viz 导出</translation>
    </message>
    <message>
        <source>{f} is an animation format; a single frame is .png or .svg</source>
        <translation>{f} 是动画格式；单帧图片请使用 .png 或 .svg</translation>
    </message>
    <message>
        <source>the folder {f} does not exist</source>
        <translation>文件夹 {f} 不存在</translation>
    </message>
    <message>
        <source>cannot write to the folder {f}: permission denied</source>
        <translation>无法写入文件夹 {f}：权限不足</translation>
    </message>
    <message>
        <source>{p} is a folder; choose a file name</source>
        <translation>{p} 是一个文件夹；请指定文件名</translation>
    </message>
    <message>
        <source>{p} is a file; frames need a folder name</source>
        <translation>{p} 是一个文件；导出帧需要指定文件夹名</translation>
    </message>
    <message>
        <source>{p} holds other files ({n}); choose a new or empty folder</source>
        <translation>{p} 中已有其他文件（{n} 个）；请选择新文件夹或空文件夹</translation>
    </message>
    <message>
        <source>no frames to write</source>
        <translation>没有可写入的帧</translation>
    </message>
    <message>
        <source>MP4 needs an encoder, and none is installed: pip install &apos;lstm-viz[mp4]&apos; (imageio-ffmpeg); GIF and APNG work without it</source>
        <translation>导出 MP4 需要编码器，但当前未安装：pip install &apos;lstm-viz[mp4]&apos;（imageio-ffmpeg）；GIF 和 APNG 无需编码器</translation>
    </message>
    <message>
        <source>MP4 needs an even width and height, not {w}×{h}</source>
        <translation>MP4 要求宽度和高度均为偶数，当前为 {w}×{h}</translation>
    </message>
    <message>
        <source>GIF plays at most 50 frames per second; use APNG or MP4</source>
        <translation>GIF 最多支持每秒 50 帧；请改用 APNG 或 MP4</translation>
    </message>
    <message>
        <source>{f} is not an animation format</source>
        <translation>{f} 不是动画格式</translation>
    </message>
    <message>
        <source>▲ overflow (inf/NaN)</source>
        <translation>▲ 溢出（inf/NaN）</translation>
    </message>
    <message>
        <source>▼ 0 (exactly zero: no logarithm)</source>
        <translation>▼ 0（恰好为零：没有对数）</translation>
    </message>
    <message>
        <source>Where the raw gradient norm (solid) rises above the threshold, clipping scales it back down to the threshold (dashed).</source>
        <translation>当原始梯度范数（实线）超过阈值时，梯度裁剪会将其缩回到阈值（虚线）。</translation>
    </message>
    <message>
        <source>Gradient clipping (Pascanu et al. 2013; PyTorch&apos;s clip_grad_norm_) rescales all parameter gradients together when their global norm ‖∇_θ L‖ = (Σ_p ‖∂L/∂p‖²)^½ exceeds a threshold, so one exploding step cannot throw the weights far away. It keeps the direction and changes only the size; it does nothing for vanishing gradients.

The x axis is the same sweep of recurrent scales as the stability map; the text above gives the fraction of scales at which clipping fires.</source>
        <translation>梯度裁剪（Pascanu 等，2013；即 PyTorch 的 clip_grad_norm_）会在所有参数梯度的全局范数 ‖∇_θ L‖ = (Σ_p ‖∂L/∂p‖²)^½ 超过阈值时，把它们统一按比例缩小，使某一次更新中的梯度爆炸不至于把权重推得太远。它只改变梯度的大小、保留其方向；对梯度消失则无能为力。

横轴与稳定性图相同，是对循环缩放系数的同一组扫描；上方文字给出了触发裁剪的缩放系数所占的比例。</translation>
    </message>
    <message>
        <source>clipping threshold</source>
        <translation>裁剪阈值</translation>
    </message>
    <message>
        <source>clip threshold (max ‖∇_θ L‖):</source>
        <translation>裁剪阈值（‖∇_θ L‖ 上限）：</translation>
    </message>
    <message>
        <source>global gradient norm ‖∇_θ L‖</source>
        <translation>全局梯度范数 ‖∇_θ L‖</translation>
    </message>
    <message>
        <source>recurrent scale s = σ_max of each W_hh block</source>
        <translation>循环缩放系数 s = 每个 W_hh 分块的 σ_max</translation>
    </message>
    <message>
        <source>{k} raw</source>
        <translation>{k} 原始</translation>
    </message>
    <message>
        <source>{k} clipped</source>
        <translation>{k} 裁剪后</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>sweeping {n} scales…</source>
        <translation>正在扫描 {n} 个缩放系数…</translation>
    </message>
    <message>
        <source>{k}: fires at {f} of {n} scales ({p:.0%})</source>
        <translation>{k}：{n} 个缩放系数中有 {f} 个触发裁剪（{p:.0%}）</translation>
    </message>
    <message>
        <source>Row t&apos; shows how strongly the output h_t&apos; depends on each earlier input x_t. A bright band only near the diagonal means a short memory.</source>
        <translation>第 t&apos; 行显示输出 h_t&apos; 对之前每个输入 x_t 的依赖程度。如果亮带只出现在对角线附近，说明记忆很短。</translation>
    </message>
    <message>
        <source>Connectivity (Madsen, &apos;Visualizing memorization in RNNs&apos;, Distill 2019): the norm of the Jacobian ∂h_t&apos;/∂x_t for every input step t (x axis) and output step t&apos; ≥ t (y axis). Inputs after t&apos; cannot matter, so that triangle is empty. The colour is log₁₀ of the norm, {span:.0f} decades below the strongest link and brighter above; magenta cells overflowed.

An RNN&apos;s row fades within a few steps of the diagonal; an LSTM whose forget gates stay open keeps reaching far back. The dashed line is the row of the step being played.</source>
        <translation>连通性（Madsen，《Visualizing memorization in RNNs》，Distill 2019）：对每个输入时间步 t（x 轴）和输出时间步 t&apos; ≥ t（y 轴），计算雅可比矩阵 ∂h_t&apos;/∂x_t 的范数。t&apos; 之后的输入不可能产生影响，所以那个三角区域是空的。颜色表示范数的 log₁₀：色标覆盖最强连接以下 {span:.0f} 个数量级，数值越大越亮；品红色的格子表示溢出。

RNN 的每一行在离对角线几步之内就暗淡下去；遗忘门保持打开的 LSTM 则能一直回溯到很远的时间步。虚线是当前播放时间步所在的行。</translation>
    </message>
    <message>
        <source>input step t</source>
        <translation>输入时间步 t</translation>
    </message>
    <message>
        <source>output step t&apos;</source>
        <translation>输出时间步 t&apos;</translation>
    </message>
    <message>
        <source>log₁₀ ‖∂h_t&apos;/∂x_t‖</source>
        <translation>log₁₀ ‖∂h_t&apos;/∂x_t‖</translation>
    </message>
    <message>
        <source>Compute the steps in view</source>
        <translation>计算视图中的时间步</translation>
    </message>
    <message>
        <source>computing ‖∂h_t&apos;/∂x_t‖ for every pair of steps…</source>
        <translation>正在计算每一对时间步之间的 ‖∂h_t&apos;/∂x_t‖…</translation>
    </message>
    <message>
        <source>{model}: ‖∂h_T/∂x_1‖ = {v:.2g} (the first input&apos;s effect on the last output)</source>
        <translation>{model}：‖∂h_T/∂x_1‖ = {v:.2g}（第一个输入对最后一个输出的影响）</translation>
    </message>
    <message>
        <source>Gradient vs distance</source>
        <translation>梯度随距离的变化</translation>
    </message>
    <message>
        <source>LSTM paths</source>
        <translation>LSTM 路径</translation>
    </message>
    <message>
        <source>Gates over time</source>
        <translation>门随时间的变化</translation>
    </message>
    <message>
        <source>Stability map</source>
        <translation>稳定性图</translation>
    </message>
    <message>
        <source>Clipping</source>
        <translation>梯度裁剪</translation>
    </message>
    <message>
        <source>Connectivity</source>
        <translation>连通性</translation>
    </message>
    <message>
        <source>Saturation</source>
        <translation>饱和</translation>
    </message>
    <message>
        <source>Near vs far</source>
        <translation>近与远</translation>
    </message>
    <message>
        <source>Explosions</source>
        <translation>梯度爆炸</translation>
    </message>
    <message>
        <source>First input</source>
        <translation>第一个输入</translation>
    </message>
    <message>
        <source>Forgetting</source>
        <translation>遗忘</translation>
    </message>
    <message>
        <source>Every gate of every unit at every step. Bright forget gates (f ≈ 1) keep the cell state; dark ones (f ≈ 0) wipe it.</source>
        <translation>每个单元的每个门在每个时间步的取值。亮色的遗忘门（f ≈ 1）保留细胞状态，暗色的（f ≈ 0）将其清除。</translation>
    </message>
    <message>
        <source>Magenta cells overflowed.

The dashed line is the step the diagram is playing.</source>
        <translation>品红色的格子表示溢出。

虚线是示意图正在播放的时间步。</translation>
    </message>
    <message>
        <source>Each row of a map is one unit, each column one step t. σ gates (f, i, o) run from 0 = shut (dark) to 1 = open (bright). The candidate g and h are tanh outputs from −1 (blue) to +1 (red). The cell state c is unbounded: its scale runs from −max|c| to +max|c| (at least ±1). {end}</source>
        <translation>每张图的每一行是一个单元，每一列是一个时间步 t。σ 门（f、i、o）的取值从 0 = 关闭（暗）到 1 = 打开（亮）。候选值 g 和 h 是 tanh 的输出，从 −1（蓝）到 +1（红）。细胞状态 c 的取值无界：它的色标从 −max|c| 到 +max|c|（至少为 ±1）。{end}</translation>
    </message>
    <message>
        <source>Every gate of every unit at every step. Bright update gates (z ≈ 1) keep the previous hidden state; dark ones (z ≈ 0) take the candidate instead.</source>
        <translation>每个单元的每个门在每个时间步的取值。亮色的更新门（z ≈ 1）保留上一步的隐藏状态，暗色的（z ≈ 0）改取候选值。</translation>
    </message>
    <message>
        <source>Each row of a map is one unit, each column one step t. σ gates (r, z) run from 0 = shut (dark) to 1 = open (bright). The candidate n and h are tanh outputs from −1 (blue) to +1 (red). {end}</source>
        <translation>每张图的每一行是一个单元，每一列是一个时间步 t。σ 门（r、z）的取值从 0 = 关闭（暗）到 1 = 打开（亮）。候选值 n 和 h 是 tanh 的输出，从 −1（蓝）到 +1（红）。{end}</translation>
    </message>
    <message>
        <source>The hidden state of every unit at every step. The RNN has no gates: h = tanh(a) is all there is to see.</source>
        <translation>每个单元在每个时间步的隐藏状态。RNN 没有门：能看到的只有 h = tanh(a)。</translation>
    </message>
    <message>
        <source>Each row of the map is one unit, each column one step t. h is a tanh output from −1 (blue) to +1 (red). {end}</source>
        <translation>图的每一行是一个单元，每一列是一个时间步 t。h 是 tanh 的输出，从 −1（蓝）到 +1（红）。{end}</translation>
    </message>
    <message>
        <source>{model}, units 1–{h} (rows) × steps. σ gates 0 dark → 1 bright; tanh −1 blue → +1 red</source>
        <translation>{model}，单元 1–{h}（行）× 时间步。σ 门 0 暗 → 1 亮；tanh −1 蓝 → +1 红</translation>
    </message>
    <message>
        <source>{model}, units 1–{h} (rows) × steps. σ gates 0 dark → 1 bright; tanh −1 blue → +1 red; c −{m:.2g} blue → +{m:.2g} red</source>
        <translation>{model}，单元 1–{h}（行）× 时间步。σ 门 0 暗 → 1 亮；tanh −1 蓝 → +1 红；c −{m:.2g} 蓝 → +{m:.2g} 红</translation>
    </message>
    <message>
        <source>The forget stage before and after training: every unit&apos;s forget gate f_t over the steps, the untrained model in grey (dashed), the same weights after training in blue (the unit that varies most in bold).</source>
        <translation>训练前后的忘记阶段：每个单元的遗忘门 f_t 随时间步的变化，未训练的模型为灰色（虚线），同一组权重训练之后为蓝色（变化最大的单元加粗）。</translation>
    </message>
    <message>
        <source>Both models start from the same seed; the blue one is what lstm-viz&apos;s own trainer made of it on the adding problem. Before training the forget gates barely move: with the forget bias at 1, f ≈ σ(1) ≈ 0.73 whatever the input. Training teaches the gates when to forget: they drop at the inputs that matter and stay near 1 where the cell state must be kept. Dotted lines mark the adding problem&apos;s marked inputs.</source>
        <translation>两个模型从同一个种子出发；蓝色的是 lstm-viz 自己的训练器在加法问题上把它训练之后的样子。训练之前遗忘门几乎不动：遗忘偏置为 1 时，无论输入是什么，f ≈ σ(1) ≈ 0.73。训练教会了门何时遗忘：它们在重要的输入处下降，在必须保留细胞状态的地方保持在 1 附近。点线标出加法问题中被标记的输入。</translation>
    </message>
    <message>
        <source>forget gate f_t</source>
        <translation>遗忘门 f_t</translation>
    </message>
    <message>
        <source>step t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <source>computing the forget gates…</source>
        <translation>正在计算遗忘门…</translation>
    </message>
    <message>
        <source>No trained twin of this LSTM ships with lstm-viz: choose the first screen&apos;s settings (adding problem, H = 8, seed 0) to compare.</source>
        <translation>lstm-viz 没有附带这个 LSTM 训练过的孪生模型：请选用首屏的设置（加法问题，H = 8，种子 0）来比较。</translation>
    </message>
    <message>
        <source>{key}, unit {j}, step t = {t}: {v:.4g}</source>
        <translation>{key}，单元 {j}，时间步 t = {t}：{v:.4g}</translation>
    </message>
    <message>
        <source>How much of a signal at the last step reaches each earlier step. The RNN&apos;s curve drops like a stone (vanishing gradient); the LSTM&apos;s falls far more slowly.</source>
        <translation>最后一步的信号有多少能传回之前的每一步。RNN 的曲线一落千丈（梯度消失）；LSTM 的曲线则下降得慢得多。</translation>
    </message>
    <message>
        <source>Backpropagation through time carries ∂L/∂h from the last step T back to every earlier step t. The loss here is L = Σ h_T / √H, so the gradient at T has norm 1 and each point reads as &apos;the fraction of a unit signal that reaches t&apos;.

A plain RNN multiplies by the recurrent Jacobian (W_hh and the tanh slope) once per step, so its curve falls roughly geometrically with distance: on a log axis, a straight line down. The LSTM&apos;s cell state is updated additively and only multiplied by the forget gates, so its gradient survives much longer.

▲ marks a value that overflowed (inf/NaN), ▼ one that is exactly 0 (underflow or saturated gates): a log axis cannot show either.</source>
        <translation>随时间反向传播（BPTT）把 ∂L/∂h 从最后一步 T 传回之前的每一步 t。这里的损失为 L = Σ h_T / √H，因此 T 处梯度的范数为 1，每个点都可以理解为“单位信号传到 t 时还剩下的比例”。

普通 RNN 每一步都要乘一次循环雅可比矩阵（W_hh 与 tanh 的斜率），所以它的曲线随距离大致按几何级数下降：在对数坐标轴上是一条向下的直线。LSTM 的细胞状态以加法方式更新，只会乘以遗忘门，因此它的梯度能保留得久得多。

▲ 表示溢出的值（inf/NaN），▼ 表示恰好为 0 的值（下溢或门饱和）：这两种值都无法在对数坐标轴上显示。</translation>
    </message>
    <message>
        <source>distance T − t</source>
        <translation>距离 T − t</translation>
    </message>
    <message>
        <source>x axis:</source>
        <translation>x 轴：</translation>
    </message>
    <message>
        <source>‖∂L/∂h_t‖</source>
        <translation>‖∂L/∂h_t‖</translation>
    </message>
    <message>
        <source>{model} (shown)</source>
        <translation>{model}（当前显示）</translation>
    </message>
    <message>
        <source>{model} (untrained, seed {seed})</source>
        <translation>{model}（未训练，随机种子 {seed}）</translation>
    </message>
    <message>
        <source>distance T − t from the loss (steps)</source>
        <translation>到损失的距离 T − t（步）</translation>
    </message>
    <message>
        <source>Signal left after {n} steps back: {values}</source>
        <translation>回传 {n} 步后剩余的信号：{values}</translation>
    </message>
    <message>
        <source>{models}: computing…</source>
        <translation>{models}：正在计算…</translation>
    </message>
    <message>
        <source>{models} not shown: {reason}</source>
        <translation>{models} 未显示：{reason}</translation>
    </message>
    <message>
        <source>step t = {t}, distance T − t = {d}</source>
        <translation>时间步 t = {t}，距离 T − t = {d}</translation>
    </message>
    <message>
        <source>Along the LSTM&apos;s cell-state highway the gradient is only multiplied by forget gates (solid blue): it fades exactly as fast as the product of f, and with forget gates near 1 (raise the forget bias) it stays up while the RNN&apos;s path (orange) vanishes.</source>
        <translation>沿着 LSTM 的细胞状态高速通路，梯度只会乘以遗忘门（蓝色实线）：它衰减的速度恰好与 f 的连乘积相同；当遗忘门接近 1 时（调高遗忘门偏置），它能一直保持在高位，而 RNN 的路径（橙色）早已消失。</translation>
    </message>
    <message>
        <source>Unrolled, the cell state path c_t → c_{t+1} → … → c_T multiplies only by the forget gates: along it, ∂c_T/∂c_t = f_T ⊙ … ⊙ f_{t+1} (elementwise). The solid blue curve is its largest unit. The dashed blue curve is the total ‖∂c_T/∂c_t‖ through every path (the gates and h also depend on c). The total is a sum over paths: one path that does not vanish keeps the sum from vanishing. The other paths together (through h and the gates) are the total minus the highway&apos;s part, ∂c_T/∂c_t − diag(∏ f), computed exactly; the total is at most highway + other paths, so a total above the highway is the other paths adding to it.

The RNN has only the path through W_hh and tanh, multiplied once per step: ‖∂h_T/∂h_t‖ (orange) falls geometrically.</source>
        <translation>展开之后，细胞状态路径 c_t → c_{t+1} → … → c_T 只乘以遗忘门：沿着这条路径，∂c_T/∂c_t = f_T ⊙ … ⊙ f_{t+1}（逐元素相乘）。蓝色实线是其中最大的那个单元。蓝色虚线是经过所有路径的总导数 ‖∂c_T/∂c_t‖（门和 h 也依赖于 c）。总导数是各条路径之和：只要有一条路径不消失，总和就不会消失。其余路径合在一起（经过 h 和各个门）是总导数减去高速通路的部分，即 ∂c_T/∂c_t − diag(∏ f)，精确计算；总导数至多为高速通路加其余路径，所以总导数高于高速通路时，是其余路径在往上加。

RNN 只有经过 W_hh 和 tanh 的一条路径，每一步乘一次：‖∂h_T/∂h_t‖（橙色）按几何级数下降。</translation>
    </message>
    <message>
        <source>derivative norm</source>
        <translation>导数范数</translation>
    </message>
    <message>
        <source>distance T − t (steps)</source>
        <translation>距离 T − t（步）</translation>
    </message>
    <message>
        <source>highway: max ∏ f</source>
        <translation>高速通路：∏ f 的最大值</translation>
    </message>
    <message>
        <source>all paths: ‖∂c_T/∂c_t‖</source>
        <translation>所有路径：‖∂c_T/∂c_t‖</translation>
    </message>
    <message>
        <source>other paths</source>
        <translation>其余路径</translation>
    </message>
    <message>
        <source>RNN: ‖∂h_T/∂h_t‖</source>
        <translation>RNN：‖∂h_T/∂h_t‖</translation>
    </message>
    <message>
        <source>computing the Jacobians…</source>
        <translation>正在计算雅可比矩阵…</translation>
    </message>
    <message>
        <source>computing the Jacobians… {reach} of {steps} steps back so far</source>
        <translation>正在计算雅可比矩阵…已回溯 {reach} / {steps} 步</translation>
    </message>
    <message>
        <source>highway {value}</source>
        <translation>高速通路 {value}</translation>
    </message>
    <message>
        <source>all paths {value}</source>
        <translation>所有路径 {value}</translation>
    </message>
    <message>
        <source>Step 1, {n} steps back: {values}</source>
        <translation>第 1 步（回传 {n} 步）：{values}</translation>
    </message>
    <message>
        <source>Step 1, {n} steps back: {values} · mean f = {f:.2f}</source>
        <translation>第 1 步（回传 {n} 步）：{values} · 遗忘门均值 f = {f:.2f}</translation>
    </message>
    <message>
        <source>All paths are above the highway there: the other paths, through h and the gates, add to it.</source>
        <translation>那里所有路径高于高速通路：经过 h 和各个门的其余路径叠加到总导数上。</translation>
    </message>
    <message>
        <source>All paths stay at or below the highway there.</source>
        <translation>那里所有路径不高于高速通路。</translation>
    </message>
    <message>
        <source>At distance {distance}, all paths ({total}) are above the highway ({highway}): the other paths, through h and the gates, carry {other} and add to it.</source>
        <translation>在距离 {distance} 处，所有路径（{total}）高于高速通路（{highway}）：经过 h 和各个门的其余路径贡献 {other}，并叠加到总导数上。</translation>
    </message>
    <message>
        <source>At distance {distance}, all paths ({total}) stay at or below the highway ({highway}); the other paths carry {other}.</source>
        <translation>在距离 {distance} 处，所有路径（{total}）不高于高速通路（{highway}）；其余路径贡献 {other}。</translation>
    </message>
    <message>
        <source>other paths {value}</source>
        <translation>其余路径 {value}</translation>
    </message>
    <message>
        <source>RNN {value}</source>
        <translation>RNN {value}</translation>
    </message>
    <message>
        <source>i input</source>
        <translation>i 输入门</translation>
    </message>
    <message>
        <source>f forget</source>
        <translation>f 遗忘门</translation>
    </message>
    <message>
        <source>o output</source>
        <translation>o 输出门</translation>
    </message>
    <message>
        <source>g candidate</source>
        <translation>g 候选值</translation>
    </message>
    <message>
        <source>r reset</source>
        <translation>r 重置门</translation>
    </message>
    <message>
        <source>z update</source>
        <translation>z 更新门</translation>
    </message>
    <message>
        <source>n candidate</source>
        <translation>n 候选值</translation>
    </message>
    <message>
        <source>h = tanh(a)</source>
        <translation>h = tanh(a)</translation>
    </message>
    <message>
        <source>After Karpathy, Johnson &amp; Fei-Fei (2015), &apos;Visualizing and understanding recurrent networks&apos;, figure 3: for each unit, x is the fraction of steps at which the gate is left-saturated (σ &lt; 0.1, nearly shut) and y the fraction at which it is right-saturated (σ &gt; 0.9, nearly open). Points lie below the diagonal x + y = 1.</source>
        <translation>参照 Karpathy、Johnson 与 Fei-Fei（2015）《Visualizing and understanding recurrent networks》中的图 3：对每个单元，x 是门处于左饱和（σ &lt; 0.1，几乎关闭）的时间步所占比例，y 是处于右饱和（σ &gt; 0.9，几乎打开）的时间步所占比例。所有点都位于对角线 x + y = 1 下方。</translation>
    </message>
    <message>
        <source>One dot per unit. Top-left: the gate is almost always open (&gt; 0.9); for f, those are the units that remember. Bottom-right: almost always shut (&lt; 0.1).</source>
        <translation>每个点代表一个单元。左上：门几乎总是打开（&gt; 0.9）；对 f 而言，这些就是负责记忆的单元。右下：门几乎总是关闭（&lt; 0.1）。</translation>
    </message>
    <message>
        <source>fraction shut</source>
        <translation>关闭比例</translation>
    </message>
    <message>
        <source>fraction open</source>
        <translation>打开比例</translation>
    </message>
    <message>
        <source>A forget gate that is right-saturated most of the time passes its cell state on almost unchanged: c_t ≈ c_{t−1}, a long memory.

For a tanh (g, h) the ends are −0.9 and +0.9.</source>
        <translation>大部分时间处于右饱和的遗忘门几乎原封不动地传递其细胞状态：c_t ≈ c_{t−1}，即长期记忆。

对 tanh（g、h）而言，两端分别是 −0.9 和 +0.9。</translation>
    </message>
    <message>
        <source>One dot per unit. Top-left: the gate is almost always open (&gt; 0.9); for z, those are the units that remember. Bottom-right: almost always shut (&lt; 0.1).</source>
        <translation>每个点代表一个单元。左上：门几乎总是打开（&gt; 0.9）；对 z 而言，这些就是负责记忆的单元。右下：门几乎总是关闭（&lt; 0.1）。</translation>
    </message>
    <message>
        <source>An update gate that is right-saturated most of the time keeps its hidden state almost unchanged: h_t ≈ h_{t−1}, a long memory.

For a tanh (n, h) the ends are −0.9 and +0.9.</source>
        <translation>大部分时间处于右饱和的更新门几乎原封不动地保留其隐藏状态：h_t ≈ h_{t−1}，即长期记忆。

对 tanh（n、h）而言，两端分别是 −0.9 和 +0.9。</translation>
    </message>
    <message>
        <source>One dot per unit of h = tanh(a): the RNN has no gates. Top-left: almost always near +1 (&gt; 0.9); bottom-right: almost always near −1 (&lt; −0.9).</source>
        <translation>每个点代表 h = tanh(a) 的一个单元：RNN 没有门。左上：几乎总是接近 +1（&gt; 0.9）；右下：几乎总是接近 −1（&lt; −0.9）。</translation>
    </message>
    <message>
        <source>After Karpathy, Johnson &amp; Fei-Fei (2015), &apos;Visualizing and understanding recurrent networks&apos;, figure 3: for each unit, x is the fraction of steps at which tanh is saturated low (h &lt; −0.9) and y the fraction at which it is saturated high (h &gt; 0.9). Points lie below the diagonal x + y = 1. A saturated unit passes almost no gradient back through tanh.</source>
        <translation>参照 Karpathy、Johnson 与 Fei-Fei（2015）《Visualizing and understanding recurrent networks》中的图 3：对每个单元，x 是 tanh 处于低端饱和（h &lt; −0.9）的时间步所占比例，y 是处于高端饱和（h &gt; 0.9）的时间步所占比例。所有点都位于对角线 x + y = 1 下方。饱和的单元几乎不会让梯度经 tanh 反向传回。</translation>
    </message>
    <message>
        <source>unit {j}: shut {x:.0%} of steps, open {y:.0%}</source>
        <translation>单元 {j}：{x:.0%} 的时间步关闭，{y:.0%} 的时间步打开</translation>
    </message>
    <message>
        <source>{n} of {h} units have a forget gate open (&gt; 0.9) on most steps</source>
        <translation>{h} 个单元中有 {n} 个的遗忘门在多数时间步处于打开状态（&gt; 0.9）</translation>
    </message>
    <message>
        <source>Blue = the gradient vanishes, red = it grows. Left of σ_max = 1 the RNN always vanishes; right of it, it can explode (clearest with orthogonal W_hh).</source>
        <translation>蓝色 = 梯度消失，红色 = 梯度增长。在 σ_max = 1 左侧，RNN 的梯度总会消失；在其右侧则可能爆炸（使用正交 W_hh 时最明显）。</translation>
    </message>
    <message>
        <source>Each column is a model whose recurrent weights W_hh were rescaled so that each H×H block has largest singular value s (same seed, same sequence). Each row is a distance T − t from the last step. The colour is log₁₀ ‖∂L/∂h_t‖: white = 1 (the signal arrives intact), blue = it vanished, red = it exploded; magenta cells overflowed.

Pascanu, Mikolov &amp; Bengio (2013): in an RNN with tanh, σ_max(W_hh) &lt; 1/γ = 1 guarantees vanishing gradients (the dashed line). Above it growth is possible, not certain: a random uniform W_hh spreads its singular values, so most directions still shrink. Orthogonal W_hh has all singular values equal and shows the transition sharply. The solid line is the current recurrent scale.</source>
        <translation>每一列是一个模型，其循环权重 W_hh 经过重新缩放，使每个 H×H 块的最大奇异值为 s（随机种子相同，序列相同）。每一行对应距最后一步的距离 T − t。颜色表示 log₁₀ ‖∂L/∂h_t‖：白色 = 1（信号完整到达），蓝色 = 信号消失，红色 = 信号爆炸；品红色的格子表示溢出。

Pascanu、Mikolov 与 Bengio（2013）：在使用 tanh 的 RNN 中，σ_max(W_hh) &lt; 1/γ = 1 保证梯度消失（虚线）。超过这个值，梯度有可能增长，但并非必然：随机均匀初始化的 W_hh 奇异值较为分散，大多数方向仍会收缩。正交 W_hh 的所有奇异值都相等，能清晰地显示这一转变。实线表示当前的循环缩放系数。</translation>
    </message>
    <message>
        <source>orthogonal W_hh for the sweep</source>
        <translation>扫描时使用正交 W_hh</translation>
    </message>
    <message>
        <source>Sweep to the step being played</source>
        <translation>扫描到正在播放的时间步</translation>
    </message>
    <message>
        <source>The loss at the step being played, its gradient at as many steps before it as the budget allows (the forward pass runs from step 1, so every row is exact)</source>
        <translation>损失取在正在播放的时间步，梯度计算到预算允许的尽可能多的此前时间步（前向传播从第 1 步开始，所以每一行都是精确的）</translation>
    </message>
    <message>
        <source>scale s</source>
        <translation>缩放系数 s</translation>
    </message>
    <message>
        <source>log₁₀ ‖∂L/∂h_t‖</source>
        <translation>log₁₀ ‖∂L/∂h_t‖</translation>
    </message>
    <message>
        <source>sweeping {n} scales (init: {init})…</source>
        <translation>正在扫描 {n} 个缩放系数（初始化：{init}）…</translation>
    </message>
    <message>
        <source>seed-initialised models ({init}), not the loaded weights; colour clipped at 10^±{half:.0f}</source>
        <translation>按随机种子初始化的模型（{init}），而非加载的权重；颜色截断于 10^±{half:.0f}</translation>
    </message>
    <message>
        <source>init: {init}; colour clipped at 10^±{half:.0f}</source>
        <translation>初始化：{init}；颜色截断于 10^±{half:.0f}</translation>
    </message>
    <message>
        <source>current s = {s:.2f}</source>
        <translation>当前 s = {s:.2f}</translation>
    </message>
    <message>
        <source>{model}, no clipping</source>
        <translation>{model}，不裁剪</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>gradient norm ‖∇_θ L‖</source>
        <translation>梯度范数 ‖∇_θ L‖</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>Gradient norm before clipping (log scale)</source>
        <translation>裁剪前的梯度范数（对数坐标）</translation>
    </message>
    <message>
        <source>Loss per iteration (log scale)</source>
        <translation>每次迭代的损失（对数坐标）</translation>
    </message>
    <message>
        <source>clip threshold {v:g}</source>
        <translation>裁剪阈值 {v:g}</translation>
    </message>
    <message>
        <source>A smooth sine wave with one period every 20 steps (several channels are phase-shifted copies).</source>
        <translation>平滑的正弦波，每 20 步一个周期（多个通道时，各通道是相位错开的副本）。</translation>
    </message>
    <message>
        <source>Silence, then a constant pulse of 1.0 through the middle third, then silence again.</source>
        <translation>先是静默，中间三分之一是值为 1.0 的恒定脉冲，之后再次静默。</translation>
    </message>
    <message>
        <source>A single 1.0 at the first step followed by silence, so the model must remember the first input.</source>
        <translation>第一步输入一个 1.0，之后全是静默，所以模型必须记住第一个输入。</translation>
    </message>
    <message>
        <source>Independent standard-normal values at every step, with nothing worth remembering.</source>
        <translation>每一步都是独立的标准正态随机值，没有任何值得记住的内容。</translation>
    </message>
    <message>
        <source>A random walk of small normal steps, so each value builds on all the earlier ones.</source>
        <translation>由正态分布的小步长构成的随机游走，每个值都建立在之前所有值的基础上。</translation>
    </message>
    <message>
        <source>The adding problem: random numbers in [0, 1] with two of them marked, one in each half, and the answer is the sum of the two marked numbers.</source>
        <translation>加法问题：[0, 1] 之间的随机数，其中两个被标记（前后两半各一个），答案是这两个被标记数之和。</translation>
    </message>
    <message>
        <source>The copy task: a few random symbols at the start, a long blank gap, then a delimiter asking the model to reproduce the symbols in order.</source>
        <translation>复制任务：开头是几个随机符号，接着是一段很长的空白，最后出现一个分隔符，要求模型按顺序复现这些符号。</translation>
    </message>
    <message>
        <source>unknown sequence preset {name!r}; valid names: {valid}</source>
        <translation>未知的内置序列 {name!r}；可用的名称：{valid}</translation>
    </message>
    <message>
        <source>length of {name!r}</source>
        <translation>{name!r} 的长度</translation>
    </message>
    <message>
        <source>seed must be a non-negative integer; got {value!r}</source>
        <translation>种子必须是非负整数；收到的是 {value!r}</translation>
    </message>
    <message>
        <source>the {name!r} preset has exactly {n} input features; got input_size={value!r} — leave the input size at {n}, or choose a preset that takes any size</source>
        <translation>内置序列 {name!r} 恰好有 {n} 个输入特征；收到的是 input_size={value!r} —— 请把输入维度保持为 {n}，或选择可接受任意维度的内置序列</translation>
    </message>
    <message>
        <source>0 (saturated)</source>
        <translation>0（饱和）</translation>
    </message>
    <message>
        <source>{n} step</source>
        <translation>{n} 个时间步</translation>
    </message>
    <message>
        <source>{n} steps</source>
        <translation>{n} 个时间步</translation>
    </message>
    <message>
        <source>{n} feature</source>
        <translation>{n} 个特征</translation>
    </message>
    <message>
        <source>{n} features</source>
        <translation>{n} 个特征</translation>
    </message>
    <message>
        <source>{value!r} looks like a number with a decimal comma; write it with a decimal point ({fixed}), or separate the columns with &apos;;&apos;</source>
        <translation>{value!r} 看起来是用逗号作小数点的数；请写成小数点形式（{fixed}），或用 &apos;;&apos; 分隔各列</translation>
    </message>
    <message>
        <source>a header row must contain only column names</source>
        <translation>表头行只能包含列名</translation>
    </message>
    <message>
        <source>column names are only allowed on the first line</source>
        <translation>列名只能出现在第一行</translation>
    </message>
    <message>
        <source>empty value in column {column} (two separators in a row, or a separator at the end of the line)</source>
        <translation>第 {column} 列为空（连续出现两个分隔符，或行尾多了一个分隔符）</translation>
    </message>
    <message>
        <source>non-finite value {token!r} in column {column}; only finite numbers are allowed</source>
        <translation>第 {column} 列的值 {token!r} 不是有限数；只允许有限的数值</translation>
    </message>
    <message>
        <source>non-numeric value {token!r} in column {column} ({hint})</source>
        <translation>第 {column} 列的值 {token!r} 不是数字（{hint}）</translation>
    </message>
    <message>
        <source>non-finite value {token!r} in column {column} (too large for a float)</source>
        <translation>第 {column} 列的值 {token!r} 不是有限数（超出了浮点数的范围）</translation>
    </message>
    <message>
        <source>too many features: {n} columns, at most {most} are supported</source>
        <translation>特征过多：共 {n} 列，最多支持 {most} 列</translation>
    </message>
    <message>
        <source>columns: expected names or numbers separated by commas, not {spec!r}</source>
        <translation>columns：应为以逗号分隔的列名或列号，而不是 {spec!r}</translation>
    </message>
    <message>
        <source>columns: numbers start at 1, not {n}</source>
        <translation>columns：列号从 1 开始，不能是 {n}</translation>
    </message>
    <message>
        <source>empty column name in the header row</source>
        <translation>表头行中有空的列名</translation>
    </message>
    <message>
        <source>wrong number of columns: expected {expected} (as on line {first}) but got {got}</source>
        <translation>列数不对：应为 {expected} 列（与第 {first} 行一致），实际为 {got} 列</translation>
    </message>
    <message>
        <source>too many steps: more than {most} rows of data</source>
        <translation>时间步过多：数据超过 {most} 行</translation>
    </message>
    <message>
        <source>there is no column {n}: the table has {count} column(s)</source>
        <translation>没有第 {n} 列：表格只有 {count} 列</translation>
    </message>
    <message>
        <source>there is no column named {name!r}; the header has: {names}</source>
        <translation>没有名为 {name!r} 的列；表头中有：{names}</translation>
    </message>
    <message>
        <source>non-numeric value {token!r} in column {column}{named}: choose the numeric columns to use (--columns {numeric}, or Columns… in the window); the first other column then labels the steps</source>
        <translation>第 {column} 列{named}中有非数值 {token!r}：请选择要用作输入的数值列（--columns {numeric}，或在窗口中点“列…”）；未选的第一个其他列将用作时间步标签</translation>
    </message>
    <message>
        <source>Dashes such as &apos;−&apos; were read as minus signs.</source>
        <translation>&apos;−&apos; 等短横线已按负号读取。</translation>
    </message>
    <message>
        <source>Columns are separated by &apos;;&apos; and commas are decimal points.</source>
        <translation>各列以 &apos;;&apos; 分隔，逗号为小数点。</translation>
    </message>
    <message>
        <source>Commas were read as column separators; for decimal commas, separate the columns with &apos;;&apos;.</source>
        <translation>逗号已按列分隔符读取；若逗号是小数点，请用 &apos;;&apos; 分隔各列。</translation>
    </message>
    <message>
        <source>the text contains only a header row</source>
        <translation>文本中只有表头行</translation>
    </message>
    <message>
        <source>the text contains only blank lines and comments</source>
        <translation>文本中只有空行和注释</translation>
    </message>
    <message>
        <source>the text is empty</source>
        <translation>文本为空</translation>
    </message>
    <message>
        <source>empty input: {why}, no numbers</source>
        <translation>输入为空：{why}，没有任何数字</translation>
    </message>
    <message>
        <source>{sentence} {note}</source>
        <translation>{sentence}{note}</translation>
    </message>
    <message>
        <source>line too long ({n} characters, at most {most}); it starts {start!r}</source>
        <translation>行太长（{n} 个字符，最多 {most} 个）；开头为 {start!r}</translation>
    </message>
    <message>
        <source>line too long (more than {most} characters); it starts {start!r}</source>
        <translation>行太长（超过 {most} 个字符）；开头为 {start!r}</translation>
    </message>
    <message>
        <source>Column {column} labels the steps.</source>
        <translation>第 {column} 列用作时间步标签。</translation>
    </message>
    <message>
        <source>the sequence text must be a str; got {kind}</source>
        <translation>序列文本必须是 str；收到的是 {kind}</translation>
    </message>
    <message>
        <source>A custom sequence of {steps} with {features}.</source>
        <translation>自定义序列：{steps}，每步 {features}。</translation>
    </message>
    <message>
        <source>is UTF-16 text; save the table as UTF-8 (CSV UTF-8)</source>
        <translation>是 UTF-16 文本；请将表格另存为 UTF-8（CSV UTF-8）</translation>
    </message>
    <message>
        <source>looks like a binary file, not text (save the table as UTF-8 CSV)</source>
        <translation>看起来是二进制文件而非文本（请将表格另存为 UTF-8 CSV）</translation>
    </message>
    <message>
        <source>file keeps growing while it is read</source>
        <translation>文件在读取过程中不断变大</translation>
    </message>
    <message>
        <source>is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8</source>
        <translation>不是 UTF-8 文本（字节 0x{byte:02x}）；请另存为 UTF-8</translation>
    </message>
    <message>
        <source>could not read the file: {why}</source>
        <translation>无法读取文件：{why}</translation>
    </message>
    <message>
        <source>Loaded from {file}: {steps} with {features}.</source>
        <translation>从 {file} 载入：{steps}，每步 {features}。</translation>
    </message>
    <message>
        <source>the file has no table to choose columns from</source>
        <translation>该文件中没有可供选择列的表格</translation>
    </message>
    <message>
        <source>line {n}</source>
        <translation>第 {n} 行</translation>
    </message>
    <message>
        <source>must be one of {allowed}, not {value!r}</source>
        <translation>必须是 {allowed} 之一，而不是 {value!r}</translation>
    </message>
    <message>
        <source>must be true or false, got {value!r}</source>
        <translation>必须是 true 或 false，而不是 {value!r}</translation>
    </message>
    <message>
        <source>no file chosen</source>
        <translation>尚未选择文件</translation>
    </message>
    <message>
        <source>no text given</source>
        <translation>没有给出文本</translation>
    </message>
    <message>
        <source>must be a whole number from {low} to {high}, got {value!r}</source>
        <translation>必须是 {low} 到 {high} 之间的整数，实际为 {value!r}</translation>
    </message>
    <message>
        <source>must be a number from {low:g} to {high:g}, got {value!r}</source>
        <translation>必须是 {low:g} 到 {high:g} 之间的数，实际为 {value!r}</translation>
    </message>
    <message>
        <source>model and sequence</source>
        <translation>模型与序列</translation>
    </message>
    <message>
        <source>expected a number, not {value!r}</source>
        <translation>应为数字，而不是 {value!r}</translation>
    </message>
    <message>
        <source>expected a finite number, not {value!r}</source>
        <translation>应为有限数值，而不是 {value!r}</translation>
    </message>
    <message>
        <source>expected a whole number, not {value!r}</source>
        <translation>应为整数，而不是 {value!r}</translation>
    </message>
    <message>
        <source>recurrent model (default: {default})</source>
        <translation>循环模型（默认：{default}）</translation>
    </message>
    <message>
        <source>seeds the weights and random sequences (default: {default})</source>
        <translation>权重与随机序列的随机种子（默认：{default}）</translation>
    </message>
    <message>
        <source>language of the messages: en (English) or zh (简体中文) (default: the system&apos;s)</source>
        <translation>提示信息的语言：en（English）或 zh（简体中文）（默认：跟随系统）</translation>
    </message>
    <message>
        <source>number of units (default: 8)</source>
        <translation>单元个数（默认：8）</translation>
    </message>
    <message>
        <source>input features, where the sequence allows</source>
        <translation>每步的输入特征数（在序列允许时）</translation>
    </message>
    <message>
        <source>which columns of the --sequence file are the features: header names or numbers from 1, separated by commas (e.g. Passengers or 2,3); a non-numeric column left out labels the steps</source>
        <translation>--sequence 文件中哪些列作为特征：表头中的列名或从 1 开始的列号，以逗号分隔（例如 Passengers 或 2,3）；未选中的非数值列用作时间步标签</translation>
    </message>
    <message>
        <source>weights of a recurrent model: a PyTorch state_dict or checkpoint (.pt/.pth/.ckpt … with torch), .npz, .safetensors, Keras 3 .keras/.weights.h5, or .onnx</source>
        <translation>循环模型的权重：PyTorch 的 state_dict 或检查点（.pt/.pth/.ckpt …，需要 torch）、.npz、.safetensors、Keras 3 的 .keras/.weights.h5，或 .onnx</translation>
    </message>
    <message>
        <source>which recurrent module of the weights file to read, by its key prefix (e.g. encoder.rnn.); the load report lists them</source>
        <translation>读取权重文件中的哪个循环模块，按其键前缀指定（例如 encoder.rnn.）；加载报告会列出所有模块</translation>
    </message>
    <message>
        <source>show the model after training, where lstm-viz ships its trained twin (the default; see resources/models)</source>
        <translation>显示训练之后的模型（lstm-viz 附带了训练过的孪生模型时；默认如此，见 resources/models）</translation>
    </message>
    <message>
        <source>show the model before training: as initialised from the seed</source>
        <translation>显示训练之前的模型：按种子初始化的样子</translation>
    </message>
    <message>
        <source>the layer of a stacked model to show (0 reads the input; default 0)</source>
        <translation>要显示的堆叠模型的层（第 0 层读取输入；默认 0）</translation>
    </message>
    <message>
        <source>the direction of a bidirectional model to show (default forward)</source>
        <translation>要显示的双向模型的方向（默认 forward）</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>a text as the sequence, one step per token</source>
        <translation>把一段文本作为序列，每个词元占一个时间步</translation>
    </message>
    <message>
        <source>a UTF-8 text file as the sequence</source>
        <translation>把一个 UTF-8 文本文件作为序列</translation>
    </message>
    <message>
        <source>one step per character or per word/punctuation mark (default: chars)</source>
        <translation>每个字符，或每个词/标点占一个时间步（默认：chars）</translation>
    </message>
    <message>
        <source>the tokens in id order, one per line (or JSON token → id); default: the weights file&apos;s own</source>
        <translation>按 id 顺序排列的词元，每行一个（或 JSON 词元 → id）；默认：权重文件自带的</translation>
    </message>
    <message>
        <source>the read-out&apos;s class names, one per line; default: the weights file&apos;s own</source>
        <translation>读出层的类别名，每行一个；默认：权重文件自带的</translation>
    </message>
    <message>
        <source>--text-file: {reason}</source>
        <translation>--text-file：{reason}</translation>
    </message>
    <message>
        <source>give a UTF-8 text file</source>
        <translation>请给出一个 UTF-8 文本文件</translation>
    </message>
    <message>
        <source>note: the weights file decides the model and its sizes; ignoring {names}</source>
        <translation>注意：模型及其尺寸由权重文件决定；忽略 {names}</translation>
    </message>
    <message>
        <source>--sequence: {value!r} is neither a built-in sequence ({names}) nor a file</source>
        <translation>--sequence：{value!r} 既不是内置序列（{names}），也不是文件</translation>
    </message>
    <message>
        <source>give one of the names, or the path of a CSV/text file</source>
        <translation>请给出其中一个名称，或 CSV/文本文件的路径</translation>
    </message>
    <message>
        <source>largest singular value of each block of W_hh (default: PyTorch&apos;s init)</source>
        <translation>W_hh 每个分块的最大奇异值（默认：PyTorch 的初始化）</translation>
    </message>
    <message>
        <source>effective forget-gate bias b_if + b_hf (GRU: update gate) (default: 1.0)</source>
        <translation>遗忘门的有效偏置 b_if + b_hf（GRU 为更新门）（默认：1.0）</translation>
    </message>
    <message>
        <source>a built-in sequence ({names}) or a CSV/text file with one row per step and one column per feature (default: adding)</source>
        <translation>内置序列（{names}），或每行一个时间步、每列一个特征的 CSV/文本文件（默认：adding）</translation>
    </message>
    <message>
        <source>steps of a built-in sequence (default: 80)</source>
        <translation>内置序列的时间步数（默认：80）</translation>
    </message>
    <message>
        <source>initialisation of W_hh (default: uniform)</source>
        <translation>W_hh 的初始化方式（默认：uniform）</translation>
    </message>
    <message>
        <source>See inside an LSTM: an animated cell diagram and live gradient plots. Commands without a window: {commands} (lstm-viz COMMAND --help).</source>
        <translation>看清 LSTM 的内部：单元图的动画演示与实时梯度图。无需窗口的命令：{commands}（lstm-viz 命令 --help）。</translation>
    </message>
    <message>
        <source>open paused instead of playing</source>
        <translation>打开后先暂停，不自动播放</translation>
    </message>
    <message>
        <source>open in presentation mode (full screen, large type; Esc or F11 leaves it)</source>
        <translation>以演示模式打开（全屏、大字号；按 Esc 或 F11 退出）</translation>
    </message>
    <message>
        <source>the language of the window for this run (default: as chosen last time in View → Language, else the system&apos;s)</source>
        <translation>本次运行窗口所用的语言（默认：上次在“视图 → 语言”中选择的语言，否则跟随系统）</translation>
    </message>
    <message>
        <source>forget what was remembered; start from the defaults</source>
        <translation>忘记记住的一切；从默认设置开始</translation>
    </message>
    <message>
        <source>a scenario file (.toml) to open</source>
        <translation>要打开的场景文件（.toml）</translation>
    </message>
    <message>
        <source>the window needs Qt (PySide6), which cannot be loaded here: {why}</source>
        <translation>窗口需要 Qt（PySide6），但这里无法加载：{why}</translation>
    </message>
    <message>
        <source>install Qt&apos;s libraries, or use lstm-viz simulate or lstm-viz train (no Qt)</source>
        <translation>请安装 Qt 所需的库，或使用无需 Qt 的 lstm-viz simulate 或 lstm-viz train</translation>
    </message>
    <message>
        <source>check the file and the options</source>
        <translation>请检查文件和选项</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>larger than {mb} MB; a scenario is a short text file</source>
        <translation>大于 {mb} MB；场景是一个简短的文本文件</translation>
    </message>
    <message>
        <source>not a text file (UTF-8)</source>
        <translation>不是文本文件（UTF-8）</translation>
    </message>
    <message>
        <source>not a valid TOML file: {why}</source>
        <translation>不是有效的 TOML 文件：{why}</translation>
    </message>
    <message>
        <source>this version does not know this field</source>
        <translation>此版本不认识这个字段</translation>
    </message>
    <message>
        <source>this version does not know {fields}; those fields were ignored (the file may come from a newer lstm-viz)</source>
        <translation>当前版本不认识 {fields}，这些字段已被忽略（该文件可能来自更新版本的 lstm-viz）</translation>
    </message>
    <message>
        <source>{source}: {warning}</source>
        <translation>{source}：{warning}</translation>
    </message>
    <message>
        <source>missing; a scenario file starts with format = {n}</source>
        <translation>缺失；场景文件应以 format = {n} 开头</translation>
    </message>
    <message>
        <source>must be a whole number from 1, got {value!r}</source>
        <translation>必须是从 1 开始的整数，实际为 {value!r}</translation>
    </message>
    <message>
        <source>format {version} is newer than this app reads (up to {newest}); the file may use fields this version cannot show</source>
        <translation>格式 {version} 比本程序能读取的更新（最高为 {newest}）；该文件可能用到了当前版本无法显示的字段</translation>
    </message>
    <message>
        <source>{value!r} is not a setting; use {allowed}</source>
        <translation>{value!r} 不是一项设置；请使用 {allowed}</translation>
    </message>
    <message>
        <source>weights go in the [weights] table (file = ...)</source>
        <translation>权重应写在 [weights] 表中（file = ...）</translation>
    </message>
    <message>
        <source>{line}
{more}</source>
        <translation>{line}
{more}</translation>
    </message>
    <message>
        <source>must be a table ([{key}]), got {value}</source>
        <translation>必须是一个表（[{key}]），实际为 {value}</translation>
    </message>
    <message>
        <source>nests lists or tables deeper than {limit} levels</source>
        <translation>列表或表的嵌套超过 {limit} 层</translation>
    </message>
    <message>
        <source>must be true or false, got {value}</source>
        <translation>必须是 true 或 false，实际为 {value}</translation>
    </message>
    <message>
        <source>must be a string in quotes, got {value}</source>
        <translation>必须是带引号的字符串，实际为 {value}</translation>
    </message>
    <message>
        <source>must be a whole number from {low} to {high}, got {value}</source>
        <translation>必须是 {low} 到 {high} 之间的整数，实际为 {value}</translation>
    </message>
    <message>
        <source>must be a number more than {low:g} to {high:g}, got {value}</source>
        <translation>必须是大于 {low:g}、不超过 {high:g} 的数，实际为 {value}</translation>
    </message>
    <message>
        <source>must be a number from {low:g} to {high:g}, got {value}</source>
        <translation>必须是 {low:g} 到 {high:g} 之间的数，实际为 {value}</translation>
    </message>
    <message>
        <source>must be a number or &quot;default&quot;, got {value}</source>
        <translation>必须是数值或 &quot;default&quot;，实际为 {value}</translation>
    </message>
    <message>
        <source>must be one of {allowed}, got {value}</source>
        <translation>必须是 {allowed} 之一，实际为 {value}</translation>
    </message>
    <message>
        <source>must be a list of names like [&quot;a&quot;, &quot;b&quot;], got {value}</source>
        <translation>必须是名称列表，例如 [&quot;a&quot;, &quot;b&quot;]，实际为 {value}</translation>
    </message>
    <message>
        <source>file not found: {path}</source>
        <translation>找不到文件：{path}</translation>
    </message>
    <message>
        <source>is a folder, not a weight file</source>
        <translation>是一个文件夹，不是权重文件</translation>
    </message>
    <message>
        <source>is not an .npz archive (a zip file of .npy arrays)</source>
        <translation>不是 .npz 归档（由 .npy 数组组成的 zip 文件）</translation>
    </message>
    <message>
        <source>could not be read: {why}</source>
        <translation>无法读取：{why}</translation>
    </message>
    <message>
        <source>NumPy .npz arrays</source>
        <translation>NumPy .npz 数组</translation>
    </message>
    <message>
        <source>safetensors</source>
        <translation>safetensors</translation>
    </message>
    <message>
        <source>unsupported file type {suffix!r}: its content is none of {allowed}</source>
        <translation>不支持的文件类型 {suffix!r}：其内容不属于 {allowed} 中的任何一种</translation>
    </message>
    <message>
        <source>key {key!r} claims shape {shape} ({need} of {dtype}), larger than the {most} one array may take; refusing to read it</source>
        <translation>键 {key!r} 声明形状为 {shape}（{dtype} 共 {need}），超过单个数组允许的 {most}；拒绝读取</translation>
    </message>
    <message>
        <source>its arrays together need more than {most} of memory; refusing to read it</source>
        <translation>其数组合计需要超过 {most} 的内存；拒绝读取</translation>
    </message>
    <message>
        <source>the archive declares {n} members, more than the {most} read</source>
        <translation>压缩包声明了 {n} 个成员，超过可读取的 {most} 个</translation>
    </message>
    <message>
        <source>key {key!r} would unpack to {need}, more than the {most} one array may take; refusing to read it</source>
        <translation>键 {key!r} 解压后将有 {need}，超过单个数组允许的 {most}；拒绝读取</translation>
    </message>
    <message>
        <source>is corrupt or truncated (not a readable .npz archive: {why})</source>
        <translation>已损坏或不完整（不是可读取的 .npz 归档：{why}）</translation>
    </message>
    <message>
        <source>key {key!r} is not a NumPy array</source>
        <translation>键 {key!r} 不是 NumPy 数组</translation>
    </message>
    <message>
        <source>key {key!r} has an unsupported .npy format version</source>
        <translation>键 {key!r} 的 .npy 格式版本不受支持</translation>
    </message>
    <message>
        <source>key {key!r} holds Python objects (a pickled object array); refusing to unpickle it — weight files must hold plain numeric arrays</source>
        <translation>键 {key!r} 包含 Python 对象（pickle 序列化的对象数组）；拒绝反序列化——权重文件只能包含普通数值数组</translation>
    </message>
    <message>
        <source>key {key!r} is truncated: its header declares {need} of data but the archive holds {held}</source>
        <translation>键 {key!r} 已截断：其头部声明 {need} 的数据，但压缩包中只有 {held}</translation>
    </message>
    <message>
        <source>key {key!r} is truncated</source>
        <translation>键 {key!r} 已截断</translation>
    </message>
    <message>
        <source>holds tensors of dtype {dtype}, which NumPy cannot read; save them as float32 (tensor.float()) instead</source>
        <translation>包含 dtype 为 {dtype} 的张量，NumPy 无法读取；请改存为 float32（tensor.float()）</translation>
    </message>
    <message>
        <source>is corrupt or truncated (not a readable .safetensors file: {why})</source>
        <translation>已损坏或不完整（不是可读取的 .safetensors 文件：{why}）</translation>
    </message>
    <message>
        <source>shorter than its header</source>
        <translation>比它的文件头还短</translation>
    </message>
    <message>
        <source>header length {n} does not fit the file</source>
        <translation>文件头长度 {n} 超出了文件本身</translation>
    </message>
    <message>
        <source>the header is not a table of tensors</source>
        <translation>文件头不是张量表</translation>
    </message>
    <message>
        <source>tensor {key!r} has no valid shape</source>
        <translation>张量 {key!r} 没有有效的形状</translation>
    </message>
    <message>
        <source>see &apos;{prog} --help&apos;</source>
        <translation>查看 &apos;{prog} --help&apos;</translation>
    </message>
    <message>
        <source>standard output is closed, so &apos;-&apos; cannot be written</source>
        <translation>标准输出已关闭，无法写入 &apos;-&apos;</translation>
    </message>
    <message>
        <source>give a file name instead of &apos;-&apos;, or run with standard output open</source>
        <translation>请用文件名代替 &apos;-&apos;，或在标准输出打开时运行</translation>
    </message>
    <message>
        <source>choose another path</source>
        <translation>请选择其他路径</translation>
    </message>
    <message>
        <source>cannot write {path}: {why}</source>
        <translation>无法写入 {path}：{why}</translation>
    </message>
    <message>
        <source>nothing was written; free some space or choose another path, then run again</source>
        <translation>未写入任何内容；请腾出空间或选择其他路径，然后重新运行</translation>
    </message>
    <message>
        <source>wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <source>Write what the window shows without a window: one frame (.png, .svg) or an animation (.gif, .apng, .webp, .mp4, or a folder of numbered PNG frames).</source>
        <translation>无需窗口即可写出窗口显示的内容：单帧（.png、.svg）或动画（.gif、.apng、.webp、.mp4，或保存编号 PNG 帧的文件夹）。</translation>
    </message>
    <message>
        <source>start from a scenario file (.toml); options given here change it</source>
        <translation>从场景文件（.toml）开始；此处给出的选项会修改它</translation>
    </message>
    <message>
        <source>cannot read {path}: {why}</source>
        <translation>无法读取 {path}：{why}</translation>
    </message>
    <message>
        <source>check the path, then run again</source>
        <translation>请检查路径，然后重新运行</translation>
    </message>
    <message>
        <source>Run the engine on a sequence and report every activation and the gradient diagnostics (no window needed).</source>
        <translation>在一个序列上运行引擎，报告每个激活值和梯度诊断结果（无需窗口）。</translation>
    </message>
    <message>
        <source>the RNN&apos;s nonlinearity (default tanh); a PyTorch nn.RNN state_dict does not record it, so say relu for nn.RNN(nonlinearity=&apos;relu&apos;)</source>
        <translation>RNN 的非线性函数（默认 tanh）；PyTorch 的 nn.RNN state_dict 不记录它，因此对 nn.RNN(nonlinearity=&apos;relu&apos;) 请指定 relu</translation>
    </message>
    <message>
        <source>write the full results as JSON (&apos;-&apos; for standard output)</source>
        <translation>把完整结果写成 JSON（&apos;-&apos; 表示标准输出）</translation>
    </message>
    <message>
        <source>classes per step in the JSON&apos;s predictions (default: 3)</source>
        <translation>JSON 的 predictions 中每个时间步列出的类别数（默认：3）</translation>
    </message>
    <message>
        <source>interrupted — nothing was written</source>
        <translation>已中断 — 未写入任何内容</translation>
    </message>
    <message>
        <source>check the file and the options, then run again</source>
        <translation>请检查文件和选项，然后重新运行</translation>
    </message>
    <message>
        <source>load: {line}</source>
        <translation>加载：{line}</translation>
    </message>
    <message>
        <source>health: {line}</source>
        <translation>健康检查：{line}</translation>
    </message>
    <message>
        <source>note: no --sequence given; ran the built-in {name!r} sequence ({steps} steps) — choose one with --sequence NAME|FILE</source>
        <translation>注意：未给出 --sequence；已运行内置序列 {name!r}（{steps} 个时间步）— 可用 --sequence NAME|FILE 选择</translation>
    </message>
    <message>
        <source>check the --labels file</source>
        <translation>请检查 --labels 文件</translation>
    </message>
    <message>
        <source>writing the JSON report…</source>
        <translation>正在写入 JSON 报告…</translation>
    </message>
    <message>
        <source>attribution of every step&apos;s prediction</source>
        <translation>每一步预测的归因</translation>
    </message>
    <message>
        <source>full Jacobians</source>
        <translation>完整雅可比矩阵</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>computing the {what}, {total} steps in all (Ctrl+C stops)…</source>
        <translation>正在计算{what}，共 {total} 个时间步（按 Ctrl+C 停止）…</translation>
    </message>
    <message>
        <source>{what}: {done}/{total} steps ({percent}%), {seconds:.1f} s</source>
        <translation>{what}：{done}/{total} 个时间步（{percent}%），{seconds:.1f} 秒</translation>
    </message>
    <message>
        <source>sequence {name!r}: {steps} steps</source>
        <translation>序列 {name!r}：{steps} 个时间步</translation>
    </message>
    <message>
        <source>warning: some values overflowed (inf/nan); see --json for which steps</source>
        <translation>警告：部分数值溢出（inf/nan）；用 --json 查看是哪些时间步</translation>
    </message>
    <message>
        <source>token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>L = Σ_k h_T[k]/√H, a loss on the last step whose gradient at T has norm 1;</source>
        <translation>L = Σ_k h_T[k]/√H，一个定义在最后一步上的损失，它在 T 处的梯度范数为 1；</translation>
    </message>
    <message>
        <source>highway ∏f: the cell-state path alone; ‖∂c_T/∂c_t‖: all paths together.</source>
        <translation>highway ∏f：只沿细胞状态路径；‖∂c_T/∂c_t‖：所有路径之和。</translation>
    </message>
    <message>
        <source>stack: {layers} layer(s) × {directions} direction(s), {params} parameters in all; showing layer {layer} {direction}</source>
        <translation>堆叠：{layers} 层 × {directions} 个方向，共 {params} 个参数；显示第 {layer} 层 {direction}</translation>
    </message>
    <message>
        <source>the reverse direction reads x_T first: its step t below is input T + 1 − t</source>
        <translation>反向方向先读取 x_T：下表中它的第 t 步对应输入 T + 1 − t</translation>
    </message>
    <message>
        <source>vanishing guaranteed</source>
        <translation>必然发生梯度消失</translation>
    </message>
    <message>
        <source>vanishing not guaranteed</source>
        <translation>不一定发生梯度消失</translation>
    </message>
    <message>
        <source>σ_max(W_hh) = {sigma:.4g}: {verdict} (Pascanu et al. 2013: below 1/γ = {threshold:g} for a {nonlinearity} RNN)</source>
        <translation>σ_max(W_hh) = {sigma:.4g}：{verdict}（Pascanu 等 2013：对 {nonlinearity} RNN，低于 1/γ = {threshold:g}）</translation>
    </message>
    <message>
        <source>σ_max of each block of W_hh: {blocks}  (Pascanu&apos;s bound is for the plain RNN)</source>
        <translation>W_hh 各块的 σ_max：{blocks}  （Pascanu 的界只适用于普通 RNN）</translation>
    </message>
    <message>
        <source>default: %(default)s</source>
        <translation>默认：%(default)s</translation>
    </message>
    <message>
        <source>Train a recurrent model with a linear read-out on a long-time-lag task (NumPy, exact BPTT) and report its error on held-out sequences.</source>
        <translation>在长时滞任务上训练带线性读出层的循环模型（NumPy，精确 BPTT），并报告它在留出序列上的误差。</translation>
    </message>
    <message>
        <source>steps per sequence (default: %(default)s)</source>
        <translation>每条序列的时间步数（默认：%(default)s）</translation>
    </message>
    <message>
        <source>sequences per iteration (default: %(default)s)</source>
        <translation>每次迭代的序列数（默认：%(default)s）</translation>
    </message>
    <message>
        <source>iterations (default: %(default)s)</source>
        <translation>迭代次数（默认：%(default)s）</translation>
    </message>
    <message>
        <source>learning rate (default: %(default)s)</source>
        <translation>学习率（默认：%(default)s）</translation>
    </message>
    <message>
        <source>SGD momentum (default: %(default)s)</source>
        <translation>SGD 动量（默认：%(default)s）</translation>
    </message>
    <message>
        <source>global gradient-norm clipping threshold, 0 = off (default: %(default)s)</source>
        <translation>梯度裁剪的全局梯度范数阈值，0 表示关闭（默认：%(default)s）</translation>
    </message>
    <message>
        <source>write the trained weights (.safetensors or .npz)</source>
        <translation>写出训练好的权重（.safetensors 或 .npz）</translation>
    </message>
    <message>
        <source>write settings, loss history and test error (&apos;-&apos; for standard output)</source>
        <translation>写出设置、损失历史和测试误差（&apos;-&apos; 表示标准输出）</translation>
    </message>
    <message>
        <source>report every N iterations (default: %(default)s)</source>
        <translation>每 N 次迭代报告一次（默认：%(default)s）</translation>
    </message>
    <message>
        <source>interrupted at iteration {n} — nothing was written</source>
        <translation>在第 {n} 次迭代时中断 — 未写入任何内容</translation>
    </message>
    <message>
        <source>choose another path, then run again</source>
        <translation>请选择其他路径，然后重新运行</translation>
    </message>
    <message>
        <source>--momentum applies to --optimizer sgd only</source>
        <translation>--momentum 只适用于 --optimizer sgd</translation>
    </message>
    <message>
        <source>add --optimizer sgd, or leave --momentum out</source>
        <translation>请加上 --optimizer sgd，或去掉 --momentum</translation>
    </message>
    <message>
        <source>--out {path}: not a weights file name</source>
        <translation>--out {path}：不是权重文件名</translation>
    </message>
    <message>
        <source>use a .safetensors or .npz file name</source>
        <translation>请使用 .safetensors 或 .npz 文件名</translation>
    </message>
    <message>
        <source>iter {i}/{n}  loss {loss:.4g}  ‖g‖ {norm:.3g}  clipped {clipped:.0f}%  {seconds:.1f} s</source>
        <translation>迭代 {i}/{n}  损失 {loss:.4g}  ‖g‖ {norm:.3g}  裁剪 {clipped:.0f}%  {seconds:.1f} 秒</translation>
    </message>
    <message>
        <source>non-finite steps {n}</source>
        <translation>非有限步数 {n}</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>test {what} {loss:.4g} on {n} held-out sequences (trivial {trivial:.3g})</source>
        <translation>在 {n} 条留出序列上的测试 {what} 为 {loss:.4g}（平凡基线 {trivial:.3g}）</translation>
    </message>
    <message>
        <source>, accuracy {percent:.1f}%</source>
        <translation>，准确率 {percent:.1f}%</translation>
    </message>
    <message>
        <source>{n} iterations in {seconds:.1f} s</source>
        <translation>{n} 次迭代，用时 {seconds:.1f} 秒</translation>
    </message>
    <message>
        <source>DIVERGED after {what} ({n} non-finite steps in a row)</source>
        <translation>已发散：{what}（连续 {n} 步非有限）</translation>
    </message>
    <message>
        <source>, {n} non-finite steps skipped</source>
        <translation>，跳过 {n} 个非有限步</translation>
    </message>
    <message>
        <source>{path}: a part of this path is a file, not a folder</source>
        <translation>{path}：路径中的某一部分是文件，而不是文件夹</translation>
    </message>
    <message>
        <source>{path} is a folder — choose a file name</source>
        <translation>{path} 是文件夹 — 请选择一个文件名</translation>
    </message>
    <message>
        <source>{path} is not a folder — frames need a new or empty folder</source>
        <translation>{path} 不是文件夹 — 帧需要一个新的或空的文件夹</translation>
    </message>
    <message>
        <source>{path} is read-only — choose another name, or make it writable</source>
        <translation>{path} 是只读的 — 请选择其他名称，或将它设为可写</translation>
    </message>
    <message>
        <source>{path} is a block device or a socket, not a file — choose a file name</source>
        <translation>{path} 是块设备或套接字，不是文件 — 请选择一个文件名</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>cannot write to the folder {folder}: permission denied</source>
        <translation>无法写入文件夹 {folder}：权限不足</translation>
    </message>
    <message>
        <source>computing the LSTM, GRU and RNN on {t} steps with hidden size {h} (Ctrl+C stops)…</source>
        <translation>正在计算 LSTM、GRU 和 RNN：{t} 个时间步，隐藏层大小 {h}（按 Ctrl+C 停止）…</translation>
    </message>
    <message>
        <source>frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>{prog}: stopped; nothing was written</source>
        <translation>{prog}：已停止；没有写入任何文件</translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation>是文件夹，不是文件</translation>
    </message>
    <message>
        <source>is a named pipe (FIFO), not a file; save the data to a file first</source>
        <translation>是命名管道（FIFO），不是文件；请先将数据保存到文件</translation>
    </message>
    <message>
        <source>is a device, not a file</source>
        <translation>是设备，不是文件</translation>
    </message>
    <message>
        <source>is a socket, not a file</source>
        <translation>是套接字，不是文件</translation>
    </message>
    <message>
        <source>is not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>file is too large ({size}); at most {most} is read</source>
        <translation>文件太大（{size}）；最多读取 {most}</translation>
    </message>
    <message>
        <source>{steps} steps of the {model} with H = {hidden} need about {need} of memory, more than the budget of {budget}; lower the length to at most {max_steps} steps or the hidden size to at most {max_hidden}</source>
        <translation>H = {hidden} 的 {model} 运行 {steps} 个时间步约需 {need} 内存，超过 {budget} 的预算；请将长度降到最多 {max_steps} 步，或将隐藏层大小降到最多 {max_hidden}</translation>
    </message>
    <message>
        <source>{steps} steps of the {model} with H = {hidden} need about {need} of memory, more than the budget of {budget}; use a sequence of at most {max_steps} steps</source>
        <translation>H = {hidden} 的 {model} 运行 {steps} 个时间步约需 {need} 内存，超过 {budget} 的预算；请使用最多 {max_steps} 步的序列</translation>
    </message>
    <message>
        <source>the {model} with H = {hidden} needs about {need} of memory even for one step, more than the budget of {budget}; use a hidden size of at most {max_hidden}</source>
        <translation>H = {hidden} 的 {model} 即使只运行一步也约需 {need} 内存，超过 {budget} 的预算；请使用最多 {max_hidden} 的隐藏层大小</translation>
    </message>
    <message>
        <source>the whole map of {steps} × {steps} steps would take about {seconds} ({need}); showing steps {first}–{last} (at most {fit} at a time) — zoom or pan to other steps and press “Compute the steps in view”</source>
        <translation>完整的 {steps} × {steps} 步连通图约需 {seconds}（{need}）；现显示第 {first}–{last} 步（一次最多 {fit} 步）——缩放或平移到其他时间步后按“计算视图中的时间步”</translation>
    </message>
    <message>
        <source>sweeping all {steps} steps would take about {seconds}: swept steps 1–{stop}, the exact sweep of that shorter sequence (the loss at step {stop})</source>
        <translation>扫描全部 {steps} 步约需 {seconds}：已扫描第 1–{stop} 步，即这段较短序列的精确扫描（损失取在第 {stop} 步）</translation>
    </message>
    <message>
        <source>sweeping all {steps} steps would take about {seconds}: the loss at step {stop}, its gradient at steps {first}–{stop} (exact: the forward pass runs from step 1)</source>
        <translation>扫描全部 {steps} 步约需 {seconds}：损失取在第 {stop} 步，梯度计算第 {first}–{stop} 步（精确：前向传播从第 1 步开始）</translation>
    </message>
    <message>
        <source>theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>unrolled view</source>
        <translation>按时间展开视图</translation>
    </message>
    <message>
        <source>reduced motion</source>
        <translation>减少动画</translation>
    </message>
    <message>
        <source>speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>pinned units</source>
        <translation>固定的单元</translation>
    </message>
    <message>
        <source>the remembered {what} was invalid; using {value}</source>
        <translation>记住的{what}无效；改用{value}</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>the system&apos;s</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>the defaults</source>
        <translation>默认设置</translation>
    </message>
    <message>
        <source>weight file</source>
        <translation>权重文件</translation>
    </message>
    <message>
        <source>sequence file</source>
        <translation>序列文件</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>the most active units</source>
        <translation>最活跃的单元</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>the path {path!r} needs the scenario&apos;s folder</source>
        <translation>路径 {path!r} 需要场景所在的文件夹</translation>
    </message>
    <message>
        <source>{path!r} lies outside the scenario&apos;s folder; put the file beside it</source>
        <translation>{path!r} 位于场景文件夹之外；请把该文件放在场景文件旁边</translation>
    </message>
    <message>
        <source>holds {count} numbers, more than the {limit} an inline array may; save the weights in a file beside the scenario</source>
        <translation>包含 {count} 个数，超过内联数组允许的 {limit} 个；请把权重保存为场景旁边的文件</translation>
    </message>
    <message>
        <source>has a value of the wrong kind: {value}</source>
        <translation>值的类型不对：{value}</translation>
    </message>
    <message>
        <source>must be a list of some of {allowed}, got {value}</source>
        <translation>必须是由 {allowed} 中的若干项组成的列表，实际为 {value}</translation>
    </message>
    <message>
        <source>must be a list of at most {n} unit numbers from 1, got {value}</source>
        <translation>必须是至多 {n} 个从 1 起的单元编号的列表，实际为 {value}</translation>
    </message>
    <message>
        <source>is not a view setting</source>
        <translation>不是一项视图设置</translation>
    </message>
    <message>
        <source>Tour of the notes</source>
        <translation>笔记导览</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一章</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一章 ▶</translation>
    </message>
    <message>
        <source>{n}. {title}</source>
        <translation>{n}. {title}</translation>
    </message>
    <message>
        <source>{n} chapters</source>
        <translation>共 {n} 章</translation>
    </message>
    <message>
        <source>Choose a chapter, or press Next to begin.</source>
        <translation>选择一章，或按“下一章”开始。</translation>
    </message>
    <message>
        <source>Chapter {n} of {total}</source>
        <translation>第 {n} 章，共 {total} 章</translation>
    </message>
    <message>
        <source>the {k}&apos;s {p:.0%}</source>
        <translation>{k} 为 {p:.0%}</translation>
    </message>
    <message>
        <source>Share of ‖∂L/∂{w}‖ from the last {n} steps: {rest}.</source>
        <translation>‖∂L/∂{w}‖ 来自最后 {n} 步的比例：{rest}。</translation>
    </message>
    <message>
        <source>{p:.0%} of the RNN&apos;s gradient ‖∂L/∂{w}‖ comes from the last {n} steps</source>
        <translation>RNN 的梯度 ‖∂L/∂{w}‖ 有 {p:.0%} 来自最后 {n} 步</translation>
    </message>
    <message>
        <source>{head}.</source>
        <translation>{head}。</translation>
    </message>
    <message>
        <source>{head}; {rest}.</source>
        <translation>{head}；{rest}。</translation>
    </message>
    <message>
        <source>recurrent weights W_hh</source>
        <translation>循环权重 W_hh</translation>
    </message>
    <message>
        <source>input weights W_ih</source>
        <translation>输入权重 W_ih</translation>
    </message>
    <message>
        <source>which weight gradient</source>
        <translation>哪个权重的梯度</translation>
    </message>
    <message>
        <source>share of the gradient</source>
        <translation>占梯度的比例</translation>
    </message>
    <message>
        <source>distance k = T − t (steps back from the loss)</source>
        <translation>距离 k = T − t（从损失往回的步数）</translation>
    </message>
    <message>
        <source>Computing how much of the gradient each distance contributes…</source>
        <translation>正在计算每个距离对梯度的贡献…</translation>
    </message>
    <message>
        <source>The weights are shared by every step, so ∂L/∂W_hh = Σ_t δ_t h_{{t−1}}ᵀ is a sum with one term per step t; for the loss at the last step T, step t&apos;s term is the contribution of distance k = T − t. The curve is each term&apos;s norm divided by the sum of all the terms&apos; norms (the shares add up to 1; the terms add up to the gradient exactly). Vanishing does not make the gradient zero: it makes the nearby terms dominate, so the model hardly learns from long-range dependencies. The dotted line marks the last {n} steps.</source>
        <translation>权重在所有时间步共享，所以 ∂L/∂W_hh = Σ_t δ_t h_{{t−1}}ᵀ 是一个和，每个时间步 t 一项；对最后一步 T 的损失而言，第 t 步的项就是距离 k = T − t 的贡献。曲线是每一项的范数除以所有项范数之和（各比例之和为 1；各项之和恰好等于梯度）。梯度消失并不是说梯度为 0，而是近距离的项占主导，模型因此难以学到远距离的依赖关系。虚线标出最后 {n} 步。</translation>
    </message>
    <message>
        <source>computing the contributions…</source>
        <translation>正在计算各项贡献…</translation>
    </message>
    <message>
        <source>{k}: ‖∂L/∂W‖ = {v:.3g}</source>
        <translation>{k}：‖∂L/∂W‖ = {v:.3g}</translation>
    </message>
    <message>
        <source>the {k}&apos;s {p:.0%} ({n} of {total})</source>
        <translation>{k} 为 {p:.0%}（{total} 次中 {n} 次）</translation>
    </message>
    <message>
        <source>Over {s} recurrent scales × {seeds} seeds, the gradient norm exceeds {thr:g} in {rest}.</source>
        <translation>在 {s} 个循环缩放 × {seeds} 个种子上，梯度范数超过 {thr:g} 的比例：{rest}。</translation>
    </message>
    <message>
        <source>The LSTM never explodes here; the RNN does.</source>
        <translation>这里 LSTM 从未发生梯度爆炸，RNN 却会。</translation>
    </message>
    <message>
        <source>The LSTM can still explode, but less often than the RNN.</source>
        <translation>LSTM 仍可能发生梯度爆炸，但比 RNN 少得多。</translation>
    </message>
    <message>
        <source>Neither explodes at this threshold: lower it.</source>
        <translation>在这个阈值下两者都不爆炸：请调低阈值。</translation>
    </message>
    <message>
        <source>Here the LSTM explodes at least as often as the RNN.</source>
        <translation>这里 LSTM 发生梯度爆炸的次数不少于 RNN。</translation>
    </message>
    <message>
        <source>explodes when ‖∇_θ L‖ &gt;</source>
        <translation>爆炸条件 ‖∇_θ L‖ &gt;</translation>
    </message>
    <message>
        <source>explosion threshold</source>
        <translation>梯度爆炸阈值</translation>
    </message>
    <message>
        <source>fraction of seeds that explode</source>
        <translation>发生爆炸的种子比例</translation>
    </message>
    <message>
        <source>Not drawn at these sizes: {why}.</source>
        <translation>在这样的规模下不绘制：{why}。</translation>
    </message>
    <message>
        <source>Sweeping recurrent scales and seeds…</source>
        <translation>正在扫描循环缩放与随机种子…</translation>
    </message>
    <message>
        <source>Every point is a fraction of 20 models (seeds 0–19) with orthogonal recurrent blocks rescaled to the scale s, run on this screen&apos;s sequence with its hidden size and forget bias. A run explodes when the global norm of its parameter gradients ‖∇_θ L‖ (of the loss at the last step) exceeds the threshold. The LSTM&apos;s other paths pass more saturating activations (derivatives below 1) than the RNN&apos;s, so it explodes less often; gradient clipping is the practical fix when it does.</source>
        <translation>每个点是 20 个模型（种子 0–19）中的比例：循环权重各分块为正交矩阵并缩放到 s，用本屏幕的序列、隐藏层大小和遗忘门偏置运行。当参数梯度的全局范数 ‖∇_θ L‖（最后一步的损失）超过阈值时，记为一次梯度爆炸。LSTM 的其他路径比 RNN 多经过很多会饱和的激活函数（导数小于 1），因此爆炸得少得多；真的爆炸时，实用的解决办法是梯度裁剪。</translation>
    </message>
    <message>
        <source>sweeping scales and seeds…</source>
        <translation>正在扫描缩放与种子…</translation>
    </message>
    <message>
        <source>{k}: half the seeds explode (s ≥ {s:.2f})</source>
        <translation>{k}：半数种子爆炸（s ≥ {s:.2f}）</translation>
    </message>
    <message>
        <source>{k}: never half the seeds</source>
        <translation>{k}：从未达到半数种子</translation>
    </message>
    <message>
        <source>at step {t} the LSTM&apos;s cell state still differs by {d:.2g} from the run without the first input ({p:.0%} of the difference at step 1)</source>
        <translation>第 {t} 步时，LSTM 的细胞状态与没有第一个输入的运行仍相差 {d:.2g}（第 1 步差值的 {p:.0%}）</translation>
    </message>
    <message>
        <source>the {k}&apos;s hidden state by {d:.2g} ({p:.0%})</source>
        <translation>{k} 的隐藏状态相差 {d:.2g}（{p:.0%}）</translation>
    </message>
    <message>
        <source>{first}.</source>
        <translation>{first}。</translation>
    </message>
    <message>
        <source>LSTM ‖Δc_t‖</source>
        <translation>LSTM ‖Δc_t‖</translation>
    </message>
    <message>
        <source>{k} ‖Δh_t‖</source>
        <translation>{k} ‖Δh_t‖</translation>
    </message>
    <message>
        <source>difference with and without the first input</source>
        <translation>有无第一个输入的差值</translation>
    </message>
    <message>
        <source>Each model runs twice on the same weights: on the sequence, and on it with the input of step 1 set to zero. The curves are the norms of the differences of the states at every step, ‖c_t − c&apos;_t‖ and ‖h_t − h&apos;_t‖: what the state still holds of the first input. A cell state that grows with the biases (drift) grows in both runs alike and cancels out here; only memory remains.</source>
        <translation>每个模型用同样的权重运行两次：一次在原序列上，一次把第 1 步的输入设为 0。曲线是每一步两次运行状态之差的范数 ‖c_t − c&apos;_t‖ 和 ‖h_t − h&apos;_t‖：状态里还留着多少第一个输入。细胞状态因偏置而增长（漂移）在两次运行中完全相同，在这里相互抵消；剩下的只有记忆。</translation>
    </message>
    <message>
        <source>After training</source>
        <translation>训练之后</translation>
    </message>
    <message>
        <source>Show the model after lstm-viz&apos;s own trainer trained it (where a trained twin of these settings ships with the app), or untick for the same weights before training</source>
        <translation>显示经 lstm-viz 自己的训练器训练之后的模型（当应用附带了这些设置的训练孪生模型时），取消勾选则显示同一组权重在训练之前的样子</translation>
    </message>
    <message>
        <source>Before training every forget gate sits near {mean} at every step (all between {lo} and {hi}), whatever the input. After training the forget stage is selective: unit {unit}&apos;s f swings from {top} down to {bottom}, lowest at steps {steps} — exactly the two marked inputs.</source>
        <translation>训练之前，每个遗忘门在每一步都停在 {mean} 附近（全部介于 {lo} 与 {hi} 之间），与输入无关。训练之后，忘记阶段变得有选择性：单元 {unit} 的 f 从 {top} 降到 {bottom}，最低点在第 {steps} 步——恰好是两个被标记的输入。</translation>
    </message>
    <message>
        <source>Before training every forget gate sits near {mean} at every step (all between {lo} and {hi}), whatever the input. After training the forget stage is selective: unit {unit}&apos;s f swings from {top} down to {bottom}, lowest at steps {steps}.</source>
        <translation>训练之前，每个遗忘门在每一步都停在 {mean} 附近（全部介于 {lo} 与 {hi} 之间），与输入无关。训练之后，忘记阶段变得有选择性：单元 {unit} 的 f 从 {top} 降到 {bottom}，最低点在第 {steps} 步。</translation>
    </message>
    <message>
        <source>After training: this {kind} was trained by lstm-viz&apos;s own trainer on the {task} (T = {length}, {iters} iterations) and did not learn it — its held-out loss {loss} stays near the {trivial} of always guessing the mean.</source>
        <translation>训练之后：这个 {kind} 由 lstm-viz 自己的训练器在{task}上训练过（T = {length}，{iters} 次迭代），但没有学会——它的留出集损失 {loss} 仍接近始终猜均值的 {trivial}。</translation>
    </message>
    <message>
        <source>After training: this {kind} was trained by lstm-viz&apos;s own trainer on the {task} (T = {length}, {iters} iterations; held-out loss {loss}, against {trivial} for always guessing the mean). Training raised one unit&apos;s forget gate to {after} on average (before training every f sat near {before}), so its cell-state highway ∏ f stays at {floor} or above over all {steps} steps.</source>
        <translation>训练之后：这个 {kind} 由 lstm-viz 自己的训练器在{task}上训练过（T = {length}，{iters} 次迭代；留出集损失 {loss}，而始终猜均值为 {trivial}）。训练把一个单元的遗忘门平均提高到 {after}（训练之前每个 f 都在 {before} 附近），所以它的细胞状态高速公路 ∏ f 在全部 {steps} 步上都保持在 {floor} 以上。</translation>
    </message>
    <message>
        <source>After training: this {kind} was trained by lstm-viz&apos;s own trainer on the {task} (T = {length}, {iters} iterations; held-out loss {loss}, against {trivial} for always guessing the mean).</source>
        <translation>训练之后：这个 {kind} 由 lstm-viz 自己的训练器在{task}上训练过（T = {length}，{iters} 次迭代；留出集损失 {loss}，而始终猜均值为 {trivial}）。</translation>
    </message>
    <message>
        <source>Before training: the {kind} as initialised from seed {seed}. The same weights after {iters} iterations on the {task} are one click away (“After training”; --trained on the command line).</source>
        <translation>训练之前：按种子 {seed} 初始化的 {kind}。同一组权重在{task}上训练 {iters} 次迭代之后的样子只需点一下（“训练之后”；命令行用 --trained）。</translation>
    </message>
    <message>
        <source>Before training: the model as initialised from seed {seed}. lstm-viz ships trained models only for {shipped}.</source>
        <translation>训练之前：按种子 {seed} 初始化的模型。lstm-viz 只附带以下设置的训练模型：{shipped}。</translation>
    </message>
    <message>
        <source>H = {h}, seed {seed}, D = {d}, forget bias {fb:g}, uniform init</source>
        <translation>H = {h}、种子 {seed}、D = {d}、遗忘偏置 {fb:g}、均匀初始化</translation>
    </message>
    <message>
        <source>these results hold one cell only</source>
        <translation>这些结果只包含一个单元</translation>
    </message>
    <message>
        <source>the model has {layers} layer(s), numbered 0 to {last}; got {value!r}</source>
        <translation>模型有 {layers} 层，编号 0 到 {last}；收到的是 {value!r}</translation>
    </message>
    <message>
        <source>the model is not bidirectional: it has no reverse direction</source>
        <translation>模型不是双向的：没有反向方向</translation>
    </message>
    <message>
        <source>{steps} steps of the {layers}-layer {model} ({cells} cells) need about {need} of memory, more than the budget of {budget}; use a shorter sequence</source>
        <translation>{layers} 层 {model}（{cells} 个单元）运行 {steps} 步约需 {need} 内存，超过了 {budget} 的预算；请使用更短的序列</translation>
    </message>
    <message>
        <source>the weights expect {want} input feature(s) per step but the sequence {name!r} has {d}</source>
        <translation>权重要求每步 {want} 个输入特征，但序列 {name!r} 有 {d} 个</translation>
    </message>
    <message>
        <source>unknown tokenizer {name!r}; use chars or words</source>
        <translation>未知的分词方式 {name!r}；请用 chars 或 words</translation>
    </message>
    <message>
        <source>{origin}: the vocabulary is empty</source>
        <translation>{origin}：词表是空的</translation>
    </message>
    <message>
        <source>{origin}: the token {token!r} appears twice</source>
        <translation>{origin}：词元 {token!r} 出现了两次</translation>
    </message>
    <message>
        <source>{file}: not UTF-8 text (byte {offset})</source>
        <translation>{file}：不是 UTF-8 文本（第 {offset} 字节）</translation>
    </message>
    <message>
        <source>{file}: cannot read it: {why}</source>
        <translation>{file}：无法读取：{why}</translation>
    </message>
    <message>
        <source>{origin}: expected a JSON object of token → id, or a list of tokens</source>
        <translation>{origin}：应为“词元 → id”的 JSON 对象，或词元列表</translation>
    </message>
    <message>
        <source>{origin}: token {token!r} has id {id!r}; ids must be 0 to {high}</source>
        <translation>{origin}：词元 {token!r} 的 id 为 {id!r}；id 必须在 0 到 {high} 之间</translation>
    </message>
    <message>
        <source>{origin}: tokens {a!r} and {b!r} share id {id}</source>
        <translation>{origin}：词元 {a!r} 和 {b!r} 共用 id {id}</translation>
    </message>
    <message>
        <source>{file}: not valid JSON (line {row}: {why})</source>
        <translation>{file}：不是有效的 JSON（第 {row} 行：{why}）</translation>
    </message>
    <message>
        <source>{file}: its JSON is nested too deeply to be a vocabulary</source>
        <translation>{file}：其 JSON 嵌套过深，不可能是词表</translation>
    </message>
    <message>
        <source>{file}: more than {most} tokens</source>
        <translation>{file}：词元超过 {most} 个</translation>
    </message>
    <message>
        <source>{origin}: key {key!r} should hold Unicode code points as whole numbers</source>
        <translation>{origin}：键 {key!r} 应以整数保存 Unicode 码位</translation>
    </message>
    <message>
        <source>{origin}: key {key!r} holds numbers that are not Unicode code points</source>
        <translation>{origin}：键 {key!r} 中的数不是 Unicode 码位</translation>
    </message>
    <message>
        <source>{origin}: key {key!r} should be (code point, id) pairs, shape (N, 2)</source>
        <translation>{origin}：键 {key!r} 应为（码位, id）对，形状 (N, 2)</translation>
    </message>
    <message>
        <source>the text has no tokens</source>
        <translation>这段文本没有词元</translation>
    </message>
    <message>
        <source>the text has {n} tokens; at most {most} steps are supported</source>
        <translation>这段文本有 {n} 个词元；最多支持 {most} 个时间步</translation>
    </message>
    <message>
        <source>the embedding {key!r} has {rows} rows but the vocabulary ({origin}) has {v} tokens</source>
        <translation>嵌入 {key!r} 有 {rows} 行，但词表（{origin}）有 {v} 个词元</translation>
    </message>
    <message>
        <source>{n} tokens through the embedding {key!r}</source>
        <translation>{n} 个词元，经嵌入层 {key!r} 输入</translation>
    </message>
    <message>
        <source>the model reads {d} features per step but the vocabulary ({origin}) has {v} tokens, and the file has no embedding to bridge them</source>
        <translation>模型每个时间步读取 {d} 个特征，但词表（{origin}）有 {v} 个词元，且文件中没有可以衔接二者的嵌入层</translation>
    </message>
    <message>
        <source>{n} tokens, one-hot over {v}</source>
        <translation>{n} 个词元，以 {v} 维独热向量输入</translation>
    </message>
    <message>
        <source>attribution</source>
        <translation>归因</translation>
    </message>
    <message>
        <source>This sequence has no tokens: choose a text sequence to colour it here.</source>
        <translation>这个序列没有词元：选择一个文本序列，即可在这里为它着色。</translation>
    </message>
    <message>
        <source> (the first {shown} of {steps} tokens)</source>
        <translation>（{steps} 个词元中的前 {shown} 个）</translation>
    </message>
    <message>
        <source>unit {unit}: {quantity} on every token</source>
        <translation>单元 {unit}：每个词元上的 {quantity}</translation>
    </message>
    <message>
        <source>step {step} · {token}: the model predicts {said}</source>
        <translation>第 {step} 步 · {token}：模型预测 {said}</translation>
    </message>
    <message>
        <source>originally {said}</source>
        <translation>原来：{said}</translation>
    </message>
    <message>
        <source>Colour by c, h or a gate to rank the units on a span.</source>
        <translation>按 c、h 或某个门着色，才能为一段文本上的单元排序。</translation>
    </message>
    <message>
        <source>Select a span of the text to rank the units that switch there.</source>
        <translation>选中一段文本，即可为在那里发生切换的单元排序。</translation>
    </message>
    <message>
        <source>Select part of the text, not all of it.</source>
        <translation>请选中文本的一部分，而不是全部。</translation>
    </message>
    <message>
        <source>attribution of the prediction at the cursor&apos;s step t&apos;: ‖∂ŷ_t&apos;/∂x_t‖</source>
        <translation>光标所在步 t&apos; 的预测的归因：‖∂ŷ_t&apos;/∂x_t‖</translation>
    </message>
    <message>
        <source>computing the attribution at step {step}…</source>
        <translation>正在计算第 {step} 步的归因…</translation>
    </message>
    <message>
        <source>t&apos; = {step}: ‖∂ŷ/∂x_t‖ from {small:.2g} to {large:.2g}</source>
        <translation>t&apos; = {step}：‖∂ŷ/∂x_t‖ 从 {small:.2g} 到 {large:.2g}</translation>
    </message>
    <message>
        <source>Units that switch on steps {first}–{last}: {units}</source>
        <translation>在第 {first}–{last} 步发生切换的单元：{units}</translation>
    </message>
    <message>
        <source>Units {units} do the same on steps {places}</source>
        <translation>单元 {units} 在这些步上也是如此：{places}</translation>
    </message>
    <message>
        <source>Units {units} do this nowhere else in the text (r ≥ {r:.1f}).</source>
        <translation>单元 {units} 在文本的其他地方都没有这样的切换（r ≥ {r:.1f}）。</translation>
    </message>
    <message>
        <source>The text coloured by what the prediction at the cursor&apos;s step depends on: the redder a token, the more the prediction changes with its input.</source>
        <translation>按光标所在步的预测依赖什么为文本着色：词元越红，预测随它的输入变化越大。</translation>
    </message>
    <message>
        <source>The text coloured by one unit: red where it is positive, blue where negative.</source>
        <translation>用一个单元为文本着色：为正处红色，为负处蓝色。</translation>
    </message>
    <message>
        <source>Each token&apos;s background is the chosen unit&apos;s value at that step (the cell state c scaled by its largest size on this text). Click a token to move the cursor there; click a unit in the strip or press Up/Down to walk the units; select a span to rank the units whose value switches there: (mean inside − mean just outside) / spread over the text.</source>
        <translation>每个词元的背景色是所选单元在该时间步的值（细胞状态 c 按它在这段文本上的最大幅度缩放）。点击词元，光标就移到那一步；点击色条中的单元或按上/下键逐个查看单元；选中一段文本，即可为值在那里发生切换的单元排序：（段内均值 − 紧邻段外均值）/ 整段文本上的离散程度。</translation>
    </message>
    <message>
        <source>Under the ranking, the other places where the best {n} units do the same: the spans of the same length whose pattern (the span and as many steps on either side) correlates with the selected one by r ≥ {r:.1f}, underlined wavy in the text; click one to go there.

With a read-out head, colour by the attribution of the prediction at the cursor&apos;s step t&apos;: each earlier token&apos;s colour is ‖∂ŷ_t&apos;/∂x_t‖, the gradient of the predicted class&apos;s probability with respect to that step&apos;s input, exactly, on a log scale (the strip above is its legend). Tokens after t&apos; stay uncoloured: the prediction at t&apos; has not read them — except in a bidirectional model, whose reverse direction has read every token.</source>
        <translation>排序下方列出排名前 {n} 的单元也做同样切换的其他位置：与所选片段等长、其模式（片段本身及两侧各同样多的步）与所选片段的相关系数 r ≥ {r:.1f} 的片段，在文本中以波浪线标出；点击其中一个即可跳到那里。

模型带有读出层时，可按光标所在步 t&apos; 的预测的归因着色：每个更早词元的颜色是 ‖∂ŷ_t&apos;/∂x_t‖，即所预测类别的概率对该步输入的梯度，精确计算，按对数刻度显示（上方色条是它的图例）。t&apos; 之后的词元不着色：t&apos; 处的预测还没有读到它们 — 双向模型除外，它的反向方向读过每一个词元。</translation>
    </message>
    <message>
        <source>colour by</source>
        <translation>着色依据</translation>
    </message>
    <message>
        <source>A change is being computed: edit once its results are shown.</source>
        <translation>正在计算一项更改：请在它的结果显示后再编辑。</translation>
    </message>
    <message>
        <source>shut (0)</source>
        <translation>关闭 (0)</translation>
    </message>
    <message>
        <source>open (1)</source>
        <translation>打开 (1)</translation>
    </message>
    <message>
        <source>What if step {t} ({token}) read</source>
        <translation>假如第 {t} 步（{token}）读入</translation>
    </message>
    <message>
        <source>What if step {t} read</source>
        <translation>假如第 {t} 步读入</translation>
    </message>
    <message>
        <source>{n} edit(s)</source>
        <translation>{n} 处修改</translation>
    </message>
    <message>
        <source>The original is shown faint beside the edit</source>
        <translation>原来的结果以浅色显示在修改旁边</translation>
    </message>
    <message>
        <source>{text!r} is not a number</source>
        <translation>{text!r} 不是数字</translation>
    </message>
    <message>
        <source>token or value</source>
        <translation>词元或数值</translation>
    </message>
    <message>
        <source>The token (a text) or the value (numbers) this step reads instead</source>
        <translation>这一步改为读入的词元（文本）或数值（数字序列）</translation>
    </message>
    <message>
        <source>Which feature of the input to change</source>
        <translation>要修改输入的哪个特征</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>The gate to force at this step</source>
        <translation>在这一步强制设定的门</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Force gate</source>
        <translation>强制门</translation>
    </message>
    <message>
        <source>Force this gate of this unit shut or open at the cursor&apos;s step and run the rest of the sequence again</source>
        <translation>在光标所在的步把这个单元的这个门强制关闭或打开，并重新运行序列的其余部分</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Take back the last edit</source>
        <translation>撤回上一次修改</translation>
    </message>
    <message>
        <source>{origin} names {n} classes but the read-out {key!r} has {outputs} outputs</source>
        <translation>{origin} 给出了 {n} 个类别名，但读出层 {key!r} 有 {outputs} 个输出</translation>
    </message>
    <message>
        <source>{file} carries no vocabulary: give the file that lists its tokens in id order (one per line, or JSON token → id)</source>
        <translation>{file} 没有自带词表：请给出按 id 顺序列出其词元的文件（每行一个，或 JSON 词元 → id）</translation>
    </message>
    <message>
        <source>the text has {n} different tokens; a model without a weight file reads each as one input feature (one-hot), at most {most} — read characters instead of words, shorten the text, or open a weight file with an embedding</source>
        <translation>这段文本有 {n} 个不同的词元；没有权重文件的模型把每个词元读作一个输入特征（独热编码），最多 {most} 个 — 请改为按字符读取、缩短文本，或打开一个带嵌入层的权重文件</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Choose the columns that are the inputs. The first column left out that holds words or dates labels the steps.</source>
        <translation>请选择作为输入的列。未选中的第一个包含文字或日期的列将用作时间步标签。</translation>
    </message>
    <message>
        <source>{name} (first value: {value})</source>
        <translation>{name}（第一个值：{value}）</translation>
    </message>
    <message>
        <source>(the file&apos;s top level)</source>
        <translation>（文件的顶层）</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Which recurrent module of the file to look at</source>
        <translation>查看文件中的哪个循环模块</translation>
    </message>
    <message>
        <source>Hide ignored keys</source>
        <translation>隐藏被忽略的键</translation>
    </message>
    <message>
        <source>Ignored keys…</source>
        <translation>被忽略的键…</translation>
    </message>
    <message>
        <source>Health of this model on this input:</source>
        <translation>该模型在此输入上的健康状况：</translation>
    </message>
    <message>
        <source>no biases in the file (PyTorch bias=False): zeros used</source>
        <translation>文件中没有偏置（PyTorch bias=False）：使用零</translation>
    </message>
    <message>
        <source>nonlinearity tanh assumed: the file does not record whether this RNN uses tanh or relu (choose with --nonlinearity)</source>
        <translation>假定非线性为 tanh：文件没有记录这个 RNN 用的是 tanh 还是 relu（可用 --nonlinearity 选择）</translation>
    </message>
    <message>
        <source>{layer!r} reads the output of {module!r}, not of the module shown: it gives no predictions here (choose {module!r} to see them)</source>
        <translation>{layer!r} 读取的是 {module!r} 的输出，而不是当前显示的模块：这里不给出预测（选择 {module!r} 即可看到）</translation>
    </message>
    <message>
        <source>{what} from {file}</source>
        <translation>{what}，来自 {file}</translation>
    </message>
    <message>
        <source>missing key {key!r}: the file has {have!r}, and PyTorch saves both biases or neither</source>
        <translation>缺少键 {key!r}：文件中有 {have!r}，而 PyTorch 总是两个偏置都保存或都不保存</translation>
    </message>
    <message>
        <source>key {key!r} has dtype {dtype}; expected numbers</source>
        <translation>键 {key!r} 的 dtype 为 {dtype}；应为数值</translation>
    </message>
    <message>
        <source>reading Keras files needs h5py (pip install h5py)</source>
        <translation>读取 Keras 文件需要 h5py（pip install h5py）</translation>
    </message>
    <message>
        <source>a Keras 3 model (.keras)</source>
        <translation>Keras 3 模型（.keras）</translation>
    </message>
    <message>
        <source>Keras 3 weights (.weights.h5)</source>
        <translation>Keras 3 权重（.weights.h5）</translation>
    </message>
    <message>
        <source>is corrupt or not a Keras weights file (HDF5: {why})</source>
        <translation>已损坏或不是 Keras 权重文件（HDF5：{why}）</translation>
    </message>
    <message>
        <source>is not a Keras 3 .keras file: it has no {name}</source>
        <translation>不是 Keras 3 的 .keras 文件：其中没有 {name}</translation>
    </message>
    <message>
        <source>its {name} would unpack to {need}, more than the {most} read</source>
        <translation>其中的 {name} 解压后有 {need}，超过最多读取的 {most}</translation>
    </message>
    <message>
        <source>is corrupt or truncated (not a readable .keras archive: {why})</source>
        <translation>已损坏或被截断（不是可读的 .keras 压缩包：{why}）</translation>
    </message>
    <message>
        <source>its config.json is not a Keras model&apos;s configuration</source>
        <translation>其中的 config.json 不是 Keras 模型的配置</translation>
    </message>
    <message>
        <source>has no layers group, so it is not a Keras 3 weights file (a Keras 2 .h5 model?); load it in Keras 3 and save it again with model.save(&quot;model.keras&quot;)</source>
        <translation>没有 layers 组，因此不是 Keras 3 权重文件（是 Keras 2 的 .h5 模型吗？）；请在 Keras 3 中加载它，再用 model.save(&quot;model.keras&quot;) 重新保存</translation>
    </message>
    <message>
        <source>the embedding {name!r} has mask_zero: Keras skips the steps that read id 0, lstm-viz runs every step — values differ from Keras&apos; at those steps</source>
        <translation>嵌入层 {name!r} 设置了 mask_zero：Keras 会跳过读到 id 0 的时间步，lstm-viz 则每一步都运行 — 这些时间步上的数值与 Keras 不同</translation>
    </message>
    <message>
        <source>Keras keeps one bias per gate where PyTorch has two: bias_hh is zero</source>
        <translation>Keras 每个门只有一个偏置，而 PyTorch 有两个：bias_hh 设为零</translation>
    </message>
    <message>
        <source>an LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>a GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <source>an RNN</source>
        <translation>RNN</translation>
    </message>
    <message>
        <source>{a} or {b}</source>
        <translation>{a} 或 {b}</translation>
    </message>
    <message>
        <source>unknown model kind {kind!r}; expected one of {kinds}</source>
        <translation>未知的模型类型 {kind!r}；应为 {kinds} 之一</translation>
    </message>
    <message>
        <source>missing key {key!r}</source>
        <translation>缺少键 {key!r}</translation>
    </message>
    <message>
        <source>missing key {key!r} (found {found})</source>
        <translation>缺少键 {key!r}（找到的是 {found}）</translation>
    </message>
    <message>
        <source>; {key} with {rows} rows would fit hidden size {sizes}</source>
        <translation>；{key} 有 {rows} 行，适合的隐藏层大小为 {sizes}</translation>
    </message>
    <message>
        <source>{key} must be a 2-D matrix but has shape {shape}</source>
        <translation>{key} 必须是二维矩阵，但其形状为 {shape}</translation>
    </message>
    <message>
        <source>{key} must be a 1-D vector but has shape {shape}</source>
        <translation>{key} 必须是一维向量，但其形状为 {shape}</translation>
    </message>
    <message>
        <source>{key} has dtype {dtype}; expected floating-point numbers</source>
        <translation>{key} 的数据类型是 {dtype}；应为浮点数</translation>
    </message>
    <message>
        <source>{key} has {n} non-finite value(s) (NaN or ±inf)</source>
        <translation>{key} 含有 {n} 个非有限值（NaN 或 ±inf）</translation>
    </message>
    <message>
        <source>{key} has shape {shape}: the hidden size is 0</source>
        <translation>{key} 的形状为 {shape}：隐藏层大小为 0</translation>
    </message>
    <message>
        <source>{key} has shape {shape}: the input size is 0</source>
        <translation>{key} 的形状为 {shape}：输入维度为 0</translation>
    </message>
    <message>
        <source>{key} has shape {shape}: hidden size {n} is larger than the supported maximum {most}</source>
        <translation>{key} 的形状为 {shape}：隐藏层大小 {n} 超过了支持的最大值 {most}</translation>
    </message>
    <message>
        <source>{key} has shape {shape}: input size {n} is larger than the supported maximum {most}</source>
        <translation>{key} 的形状为 {shape}：输入维度 {n} 超过了支持的最大值 {most}</translation>
    </message>
    <message>
        <source>unexpected parameter(s) {names}; expected {expected}</source>
        <translation>意外的参数 {names}；应为 {expected}</translation>
    </message>
    <message>
        <source>; {key} implies hidden size {n}</source>
        <translation>；{key} 对应的隐藏层大小为 {n}</translation>
    </message>
    <message>
        <source>{key} has shape {shape} but {model} with hidden size {h} needs {want}{hint}</source>
        <translation>{key} 的形状为 {shape}，但隐藏层大小为 {h} 的 {model} 需要 {want}{hint}</translation>
    </message>
    <message>
        <source>{key} has shape {shape}: its rows must be 1, 3 or 4 times its columns (gates × hidden size for an RNN, GRU or LSTM){hint}</source>
        <translation>{key} 的形状为 {shape}：其行数必须是列数的 1、3 或 4 倍（RNN、GRU 或 LSTM 的门数 × 隐藏层大小）{hint}</translation>
    </message>
    <message>
        <source>{ih} has shape {ih_shape} but {hh} {hh_shape} implies {model} with hidden size {h}, so {ih} needs {rows} rows</source>
        <translation>{ih} 的形状为 {ih_shape}，但 {hh} {hh_shape} 表明这是隐藏层大小为 {h} 的 {model}，因此 {ih} 需要 {rows} 行</translation>
    </message>
    <message>
        <source>{key} has shape {shape} but expected {want} for {model} with hidden size {h}</source>
        <translation>{key} 的形状为 {shape}，但隐藏层大小为 {h} 的 {model} 应为 {want}</translation>
    </message>
    <message>
        <source>{key} claims shape {shape}, more than the {most} read; refusing to read it</source>
        <translation>{key} 声称形状为 {shape}，超过最多读取的 {most}；拒绝读取</translation>
    </message>
    <message>
        <source>layer {name!r} is Bidirectional with merge_mode={mode!r}; only &apos;concat&apos; (PyTorch&apos;s bidirectional output) can be read</source>
        <translation>层 {name!r} 是 merge_mode={mode!r} 的 Bidirectional；只能读取 &apos;concat&apos;（即 PyTorch 的双向输出）</translation>
    </message>
    <message>
        <source>layer {name!r} wraps a {cls}, which is not LSTM, GRU or SimpleRNN</source>
        <translation>层 {name!r} 包装的是 {cls}，不是 LSTM、GRU 或 SimpleRNN</translation>
    </message>
    <message>
        <source>a live module</source>
        <translation>运行中的模块</translation>
    </message>
    <message>
        <source>a state_dict</source>
        <translation>state_dict</translation>
    </message>
    <message>
        <source>cannot read a {cls}: pass a torch nn.LSTM, nn.GRU or nn.RNN, a model that holds one, a state_dict, or a Keras LSTM, GRU or SimpleRNN layer or model</source>
        <translation>无法读取 {cls}：请传入 torch 的 nn.LSTM、nn.GRU 或 nn.RNN、包含其中之一的模型、state_dict，或 Keras 的 LSTM、GRU、SimpleRNN 层或模型</translation>
    </message>
    <message>
        <source>inputs of shape {shape} are a batch of {b} in the module&apos;s {layout} layout; pass one sequence (B = 1), e.g. inputs[{index}]</source>
        <translation>形状为 {shape} 的输入在该模块的 {layout} 布局中是 {b} 个序列的批次；请只传入一个序列（B = 1），例如 inputs[{index}]</translation>
    </message>
    <message>
        <source>inputs of shape {shape}: the model takes (T, {d}) with T ≥ 1</source>
        <translation>输入形状为 {shape}：该模型接受 (T, {d})，且 T ≥ 1</translation>
    </message>
    <message>
        <source>state_dict key {key!r} is not a string</source>
        <translation>state_dict 的键 {key!r} 不是字符串</translation>
    </message>
    <message>
        <source>the {cls} holds no nn.LSTM, nn.GRU or nn.RNN (nor a *Cell)</source>
        <translation>{cls} 中没有 nn.LSTM、nn.GRU 或 nn.RNN（也没有 *Cell）</translation>
    </message>
    <message>
        <source>PyTorch weights</source>
        <translation>PyTorch 权重</translation>
    </message>
    <message>
        <source>layer {name!r}: {what} ignored, as at inference</source>
        <translation>层 {name!r}：{what} 已忽略，与推理时相同</translation>
    </message>
    <message>
        <source>layer {name!r} has {n} weight arrays; a {cls} has 2 or 3</source>
        <translation>层 {name!r} 有 {n} 个权重数组；{cls} 应有 2 个或 3 个</translation>
    </message>
    <message>
        <source>layer {name!r}: kernel {k} and recurrent kernel {r} are not a {cls}&apos;s shapes</source>
        <translation>层 {name!r}：kernel {k} 和 recurrent kernel {r} 不是 {cls} 的形状</translation>
    </message>
    <message>
        <source>layer {name!r} is a GRU with reset_after=False: Keras applies the reset gate before the recurrent matrix, which no PyTorch GRU computes, so it cannot be shown exactly. Retrain it with reset_after=True (Keras 3&apos;s default) to look at it here.</source>
        <translation>层 {name!r} 是 reset_after=False 的 GRU：Keras 在乘循环矩阵之前就应用重置门，没有任何 PyTorch GRU 这样计算，因此无法精确显示。请用 reset_after=True（Keras 3 的默认值）重新训练后再在这里查看。</translation>
    </message>
    <message>
        <source>layer {name!r}: bias of shape {b} does not fit {rows} gate rows</source>
        <translation>层 {name!r}：形状为 {b} 的偏置与 {rows} 行门参数不符</translation>
    </message>
    <message>
        <source>layer {name!r} uses {option}={value!r}; PyTorch&apos;s {kind} computes only {allowed}, so it cannot be shown exactly</source>
        <translation>层 {name!r} 使用了 {option}={value!r}；PyTorch 的 {kind} 只计算 {allowed}，因此无法精确显示</translation>
    </message>
    <message>
        <source>layer {name!r} runs backwards (go_backwards=True); reverse the sequence yourself and save the layer without it to look at it here</source>
        <translation>层 {name!r} 反向运行（go_backwards=True）；请自己把序列反转，并保存不带该选项的层，再在这里查看</translation>
    </message>
    <message>
        <source>keys {first!r} and {second!r} both give {name}; keep only one</source>
        <translation>键 {first!r} 和 {second!r} 都给出了 {name}；请只保留一个</translation>
    </message>
    <message>
        <source>no recurrent layer found: expected keys weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0 (optionally with a module prefix); the file has: {keys}</source>
        <translation>未找到循环层：应有键 weight_ih_l0、weight_hh_l0、bias_ih_l0、bias_hh_l0（可带模块前缀）；文件中有：{keys}</translation>
    </message>
    <message>
        <source>no arrays</source>
        <translation>没有数组</translation>
    </message>
    <message>
        <source>no recurrent module with prefix {prefix!r}; the file has {listed}</source>
        <translation>没有前缀为 {prefix!r} 的循环模块；文件中有 {listed}</translation>
    </message>
    <message>
        <source>the cell modules {listed} feed one another, so they are read as one {n}-layer stack (layer 0 is the first); choose one alone with --module</source>
        <translation>单元模块 {listed} 依次相连，因此读作一个 {n} 层的堆叠（第 0 层是第一个）；可用 --module 单独选择其中一个</translation>
    </message>
    <message>
        <source>the file has {n} recurrent modules ({listed}); showing the first, {prefix!r} — choose another with --module PREFIX (or in the weights settings)</source>
        <translation>文件中有 {n} 个循环模块（{listed}）；显示第一个 {prefix!r} — 可用 --module PREFIX（或在权重设置中）选择其他模块</translation>
    </message>
    <message>
        <source>reading .onnx files needs the onnx package, which is not installed (pip install onnx)</source>
        <translation>读取 .onnx 文件需要 onnx 包，但它没有安装（pip install onnx）</translation>
    </message>
    <message>
        <source>is corrupt or not an ONNX model ({why})</source>
        <translation>已损坏或不是 ONNX 模型（{why}）</translation>
    </message>
    <message>
        <source>the weights {name!r} are computed in the graph, not stored; export the model with its weights as initializers</source>
        <translation>权重 {name!r} 是在计算图中算出的，而不是存储的；请导出时把权重存为 initializer</translation>
    </message>
    <message>
        <source>keeps its weights in an external data file; save the model with the weights inside (onnx.save(model, path, save_as_external_data=False))</source>
        <translation>权重保存在外部数据文件中；请把权重存入模型文件本身（onnx.save(model, path, save_as_external_data=False)）</translation>
    </message>
    <message>
        <source>the weights {name!r} claim shape {shape}, more than the {most} read</source>
        <translation>权重 {name!r} 声称形状为 {shape}，超过最多读取的 {most}</translation>
    </message>
    <message>
        <source>an ONNX model</source>
        <translation>ONNX 模型</translation>
    </message>
    <message>
        <source>node {name!r} has no 3-D W and R weights</source>
        <translation>节点 {name!r} 没有三维的 W 和 R 权重</translation>
    </message>
    <message>
        <source>node {name!r} ({op}) uses {what}, which no PyTorch {op} computes, so it cannot be shown exactly</source>
        <translation>节点 {name!r}（{op}）使用了 {what}，没有任何 PyTorch {op} 这样计算，因此无法精确显示</translation>
    </message>
    <message>
        <source>peephole connections (input P)</source>
        <translation>窥视孔连接（输入 P）</translation>
    </message>
    <message>
        <source>linear_before_reset=0 (the reset gate before the recurrent matrix)</source>
        <translation>linear_before_reset=0（在乘循环矩阵之前应用重置门）</translation>
    </message>
    <message>
        <source>state_dict unwrapped from the checkpoint entry {entry!r}</source>
        <translation>state_dict 取自检查点条目 {entry!r}</translation>
    </message>
    <message>
        <source>recurrent module {prefix!r}</source>
        <translation>循环模块 {prefix!r}</translation>
    </message>
    <message>
        <source>ignored {n} other key(s): {keys}</source>
        <translation>忽略了其他 {n} 个键：{keys}</translation>
    </message>
    <message>
        <source>layer {k} is missing: the file has weights for layers {layers}</source>
        <translation>缺少第 {k} 层：文件中有以下各层的权重：{layers}</translation>
    </message>
    <message>
        <source>{hr} has shape {hr_shape}, so {hh} should be an LSTM&apos;s ({rows}, {proj}) with 0 &lt; proj_size &lt; hidden size; it has {hh_shape}</source>
        <translation>{hr} 的形状为 {hr_shape}，因此 {hh} 应为 LSTM 的 ({rows}, {proj})，且 0 &lt; proj_size &lt; 隐藏层大小；实际为 {hh_shape}</translation>
    </message>
    <message>
        <source>{key} has shape {got}; this module&apos;s other weights need {want}</source>
        <translation>{key} 的形状为 {got}；该模块的其他权重要求 {want}</translation>
    </message>
    <message>
        <source>holds a whole pickled model ({name}), saved with torch.save(model). lstm-viz never unpickles a file, because unpickling can run any code it holds. Where the model is defined, save its weights instead with {save} and open that file.</source>
        <translation>保存的是用 torch.save(model) 序列化的整个模型（{name}）。lstm-viz 从不反序列化（unpickle）文件，因为反序列化可以运行文件中的任意代码。请在定义模型的地方改用 {save} 保存权重，然后打开那个文件。</translation>
    </message>
    <message>
        <source>holds Python objects ({name}) besides tensors, which lstm-viz does not unpickle, because unpickling can run any code it holds. Save the weights alone with {save} and open that file.</source>
        <translation>除张量外还包含 Python 对象（{name}），lstm-viz 不会反序列化（unpickle）它们，因为反序列化可以运行文件中的任意代码。请用 {save} 只保存权重，然后打开那个文件。</translation>
    </message>
    <message>
        <source>not tensors</source>
        <translation>非张量</translation>
    </message>
    <message>
        <source>reading PyTorch files (.pt/.pth/.ckpt …) needs PyTorch, which is not installed. Install it (pip install torch), or convert the file to .npz once where PyTorch is available: {hint}</source>
        <translation>读取 PyTorch 文件（.pt/.pth/.ckpt …）需要 PyTorch，但它没有安装。请安装它（pip install torch），或在装有 PyTorch 的地方把文件一次性转换为 .npz：{hint}</translation>
    </message>
    <message>
        <source>reading PyTorch files safely needs PyTorch 2.6 or newer (this is {version}); upgrade it, or convert the file to .npz once: {hint}</source>
        <translation>安全读取 PyTorch 文件需要 PyTorch 2.6 或更新版本（当前为 {version}）；请升级，或把文件一次性转换为 .npz：{hint}</translation>
    </message>
    <message>
        <source>is corrupt or not a PyTorch file ({why})</source>
        <translation>已损坏或不是 PyTorch 文件（{why}）</translation>
    </message>
    <message>
        <source>a PyTorch state_dict</source>
        <translation>PyTorch state_dict</translation>
    </message>
    <message>
        <source>holds a {kind}, not a state_dict (a dict of tensors); save model.state_dict() instead</source>
        <translation>包含的是 {kind}，而不是 state_dict（张量字典）；请改为保存 model.state_dict()</translation>
    </message>
    <message>
        <source>holds no tensors where a state_dict would be (its keys: {keys}); expected model.state_dict() or a checkpoint with one under &apos;state_dict&apos; or &apos;model_state_dict&apos;</source>
        <translation>在应有 state_dict 的位置没有张量（其键：{keys}）；应为 model.state_dict()，或在 &apos;state_dict&apos; 或 &apos;model_state_dict&apos; 下存有它的检查点</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>dtype must be a floating-point type; got {dtype}</source>
        <translation>dtype 必须是浮点类型；收到的是 {dtype}</translation>
    </message>
    <message>
        <source>unexpected parameter {key!r}; expected {expected} (optionally with the _l0 suffix)</source>
        <translation>意外的参数 {key!r}；应为 {expected}（可带 _l0 后缀）</translation>
    </message>
    <message>
        <source>parameter {name!r} given twice; give each parameter once</source>
        <translation>参数 {name!r} 给出了两次；每个参数只能给一次</translation>
    </message>
    <message>
        <source>extra key {key!r} must be a non-empty string</source>
        <translation>额外的键 {key!r} 必须是非空字符串</translation>
    </message>
    <message>
        <source>extra key {key!r} would be read back as recurrent weights; rename it</source>
        <translation>额外的键 {key!r} 读回时会被当作循环权重；请重命名</translation>
    </message>
    <message>
        <source>extra key {key!r} has dtype {dtype}; expected numbers</source>
        <translation>额外的键 {key!r} 的 dtype 为 {dtype}；应为数值</translation>
    </message>
    <message>
        <source>cannot write {suffix!r} files: use .npz or .safetensors</source>
        <translation>无法写入 {suffix!r} 文件：请使用 .npz 或 .safetensors</translation>
    </message>
    <message>
        <source>cannot write: the folder {folder} does not exist; create it or choose another</source>
        <translation>无法写入：文件夹 {folder} 不存在；请创建它或另选一个</translation>
    </message>
    <message>
        <source>could not write the file: {why}</source>
        <translation>无法写入文件：{why}</translation>
    </message>
    <message>
        <source>a projection (proj_size) belongs to an LSTM, not a {kind}</source>
        <translation>投影（proj_size）只属于 LSTM，不属于 {kind}</translation>
    </message>
    <message>
        <source>the RNN&apos;s nonlinearity {f!r} is not one PyTorch&apos;s nn.RNN has; use {allowed}</source>
        <translation>RNN 的非线性函数 {f!r} 不是 PyTorch 的 nn.RNN 所有的；请用 {allowed}</translation>
    </message>
    <message>
        <source>{n} layers; the engine runs at most {most} — open a file with fewer layers</source>
        <translation>{n} 层；引擎最多运行 {most} 层——请打开层数更少的文件</translation>
    </message>
    <message>
        <source>inputs reach {peak:.3g}, far beyond the gates&apos; working range of a few units{gates} — normalise the input (subtract its mean, divide by its standard deviation) as the model was trained</source>
        <translation>输入达到 {peak:.3g}，远超出门的工作范围（几个单位）{gates} — 请像训练时那样对输入做归一化（减去均值，再除以标准差）</translation>
    </message>
    <message>
        <source>; the gates saturate</source>
        <translation>；门已饱和</translation>
    </message>
    <message>
        <source>{n} of {units} hidden units never move (|h| &lt; {edge:g} at every step): they carry nothing on this input</source>
        <translation>{units} 个隐藏单元中有 {n} 个始终不动（每一步都 |h| &lt; {edge:g}）：它们在此输入上不携带任何信息</translation>
    </message>
    <message>
        <source>{gate}: {high} of {units} units sit above {top:g} and {low} below {bottom:g} on average — saturated, so little gradient passes through it</source>
        <translation>{gate}：{units} 个单元中有 {high} 个平均高于 {top:g}、{low} 个平均低于 {bottom:g} — 已饱和，几乎没有梯度能通过</translation>
    </message>
    <message>
        <source>{gate}: {n} of {units} units stay near ±1 (mean |value| above {edge:g}) — tanh is saturated</source>
        <translation>{gate}：{units} 个单元中有 {n} 个停留在 ±1 附近（平均 |值| 高于 {edge:g}）— tanh 已饱和</translation>
    </message>
    <message>
        <source>σ_max of each block of W_hh: {blocks}</source>
        <translation>W_hh 各块的 σ_max：{blocks}</translation>
    </message>
    <message>
        <source>gradients explode over these {steps} steps: ‖∂L/∂h_1‖ = {value:.3g} for a unit gradient at the last step — clip the gradients (gradient clipping) when training</source>
        <translation>在这 {steps} 个时间步上梯度爆炸：对最后一步的单位梯度，‖∂L/∂h_1‖ = {value:.3g} — 训练时请使用梯度裁剪</translation>
    </message>
    <message>
        <source>an LSTM or GRU keeps a longer memory</source>
        <translation>LSTM 或 GRU 能记得更久</translation>
    </message>
    <message>
        <source>only nearby steps shape what it learns</source>
        <translation>只有附近的时间步影响它学到的内容</translation>
    </message>
    <message>
        <source>gradients vanish over these {steps} steps: ‖∂L/∂h_1‖ = {value:.3g} for a unit gradient at the last step — {remedy}</source>
        <translation>在这 {steps} 个时间步上梯度消失：对最后一步的单位梯度，‖∂L/∂h_1‖ = {value:.3g} — {remedy}</translation>
    </message>
    <message>
        <source>gradients neither vanish nor explode over these {steps} steps (‖∂L/∂h_1‖ = {value:.3g})</source>
        <translation>在这 {steps} 个时间步上梯度既不消失也不爆炸（‖∂L/∂h_1‖ = {value:.3g}）</translation>
    </message>
    <message>
        <source>the Keras layers {listed} feed one another (return_sequences=True), so they are read as one {n}-layer stack (layer 0 is the first)</source>
        <translation>Keras 层 {listed} 依次相连（return_sequences=True），因此读作一个 {n} 层的堆叠（第 0 层是第一个）</translation>
    </message>
    <message>
        <source>Keras weights</source>
        <translation>Keras 权重</translation>
    </message>
    <message>
        <source>step {step} is outside the sequence (steps 1 to {steps})</source>
        <translation>第 {step} 步不在序列内（第 1 到 {steps} 步）</translation>
    </message>
    <message>
        <source>only a text sequence has tokens to edit; edit a value instead</source>
        <translation>只有文本序列才有可修改的词元；请改为修改数值</translation>
    </message>
    <message>
        <source>{token!r} is not one token: type one character or one word</source>
        <translation>{token!r} 不是一个词元：请输入一个字符或一个词</translation>
    </message>
    <message>
        <source>the input has features 1 to {d}; got {feature}</source>
        <translation>输入的特征是第 1 到 {d} 个；得到的是 {feature}</translation>
    </message>
    <message>
        <source>the new value must be a finite number</source>
        <translation>新的值必须是有限的数</translation>
    </message>
    <message>
        <source>the {kind} has no gate {gate!r} to clamp</source>
        <translation>{kind} 没有可以强制设定的门 {gate!r}</translation>
    </message>
    <message>
        <source>unit {unit} is outside the model (units 0 to {last})</source>
        <translation>单元 {unit} 不在模型内（单元 0 到 {last}）</translation>
    </message>
    <message>
        <source>gate {gate} can be forced to {low:g} or {high:g} only</source>
        <translation>门 {gate} 只能强制设为 {low:g} 或 {high:g}</translation>
    </message>
    <message>
        <source>a gate can be clamped in a one-layer, one-direction model only</source>
        <translation>只有单层、单向的模型才能强制设定门</translation>
    </message>
    <message>
        <source>embedding {key!r} ({rows} tokens × {width}) reads the text</source>
        <translation>嵌入 {key!r}（{rows} 个词元 × {width}）读入文本</translation>
    </message>
    <message>
        <source>read-out {module!r} ({n} output(s)) gives the predictions</source>
        <translation>读出层 {module!r}（{n} 个输出）给出预测</translation>
    </message>
    <message>
        <source>{module!r} is assumed to read the module shown: the file has {n} recurrent modules and does not record which one it reads</source>
        <translation>假定 {module!r} 读取当前显示的模块：文件中有 {n} 个循环模块，但没有记录它读取哪一个</translation>
    </message>
    <message>
        <source>min_period and max_period must be finite; got {low} and {high}</source>
        <translation>min_period 和 max_period 必须是有限数；收到的是 {low} 和 {high}</translation>
    </message>
    <message>
        <source>need 2 ≤ min_period ≤ max_period; got min_period={low}, max_period={high}</source>
        <translation>需要 2 ≤ min_period ≤ max_period；收到的是 min_period={low}、max_period={high}</translation>
    </message>
    <message>
        <source>{what} must be numeric: {why}</source>
        <translation>{what}必须是数值：{why}</translation>
    </message>
    <message>
        <source>{what} has {n} non-finite value(s) (NaN or ±inf); give finite numbers</source>
        <translation>{what}含有 {n} 个非有限值（NaN 或 ±inf）；请给出有限数</translation>
    </message>
    <message>
        <source>values must have shape (T, D) with T ≥ 1 and D ≥ 1; got {shape} — give at least one step of at least one feature</source>
        <translation>数值的形状必须是 (T, D)，且 T ≥ 1、D ≥ 1；收到的是 {shape} —— 请给出至少一个时间步、至少一个特征</translation>
    </message>
    <message>
        <source>values has shape {shape}; at most {steps} steps and {features} features are supported — shorten or narrow the sequence</source>
        <translation>数值的形状为 {shape}；最多支持 {steps} 个时间步和 {features} 个特征 —— 请缩短序列或减少特征</translation>
    </message>
    <message>
        <source>{names} feature names for {features} features; give one name a feature</source>
        <translation>{features} 个特征却有 {names} 个特征名；请每个特征给一个名称</translation>
    </message>
    <message>
        <source>{labels} step labels for {steps} steps; give one label a step</source>
        <translation>{steps} 个时间步却有 {labels} 个步标签；请每个时间步给一个标签</translation>
    </message>
    <message>
        <source>{what} must be an integer; got {value!r}</source>
        <translation>{what}必须是整数；收到的是 {value!r}</translation>
    </message>
    <message>
        <source>{what} must be between {low} and {high}; got {value}</source>
        <translation>{what}必须在 {low} 到 {high} 之间；收到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be a finite number &gt; {low:g} and &lt; {high:g}, got {value!r}</source>
        <translation>{name} 必须是大于 {low:g} 且小于 {high:g} 的有限数，收到的是 {value!r}</translation>
    </message>
    <message>
        <source>{name} must be a finite number ≥ {low:g} and &lt; {high:g}, got {value!r}</source>
        <translation>{name} 必须是 ≥ {low:g} 且小于 {high:g} 的有限数，收到的是 {value!r}</translation>
    </message>
    <message>
        <source>{name} must be a finite number &gt; {low:g}, got {value!r}</source>
        <translation>{name} 必须是大于 {low:g} 的有限数，收到的是 {value!r}</translation>
    </message>
    <message>
        <source>{name} must be a finite number ≥ {low:g}, got {value!r}</source>
        <translation>{name} 必须是 ≥ {low:g} 的有限数，收到的是 {value!r}</translation>
    </message>
    <message>
        <source>momentum {value:g} applies to SGD only (Adam&apos;s is beta1 = 0.9); use optimizer &apos;sgd&apos;, or momentum 0</source>
        <translation>动量 {value:g} 只适用于 SGD（Adam 的动量是 beta1 = 0.9）；请使用优化器 &apos;sgd&apos;，或把动量设为 0</translation>
    </message>
    <message>
        <source>unknown optimizer {name!r}; use &apos;sgd&apos; or &apos;adam&apos;</source>
        <translation>未知的优化器 {name!r}；请使用 &apos;sgd&apos; 或 &apos;adam&apos;</translation>
    </message>
    <message>
        <source>length must be a whole number of steps, got {value!r}</source>
        <translation>长度必须是整数个时间步，收到的是 {value!r}</translation>
    </message>
    <message>
        <source>the {task} task needs a length from {low} to {high}, got {value}</source>
        <translation>{task} 任务需要 {low} 到 {high} 的长度，收到的是 {value}</translation>
    </message>
    <message>
        <source>unknown task {value!r}; use one of {allowed}</source>
        <translation>未知的任务 {value!r}；请使用 {allowed} 之一</translation>
    </message>
    <message>
        <source>unknown model {value!r}; use one of {allowed}</source>
        <translation>未知的模型 {value!r}；请使用 {allowed} 之一</translation>
    </message>
    <message>
        <source>{name} must be an integer from {low} to {high}, got {value!r}</source>
        <translation>{name} 必须是 {low} 到 {high} 的整数，收到的是 {value!r}</translation>
    </message>
    <message>
        <source>{name} must be a number from {low:g} to {high:g}, got {value!r}</source>
        <translation>{name} 必须是 {low:g} 到 {high:g} 的数，收到的是 {value!r}</translation>
    </message>
    <message>
        <source>forget_bias must be a finite number, got {value!r}</source>
        <translation>forget_bias（遗忘门偏置）必须是有限数，收到的是 {value!r}</translation>
    </message>
    <message>
        <source>dtype must be &apos;float64&apos; or &apos;float32&apos;, got {value!r}</source>
        <translation>dtype 必须是 &apos;float64&apos; 或 &apos;float32&apos;，收到的是 {value!r}</translation>
    </message>
    <message>
        <source>{option} to at most {value}</source>
        <translation>把 {option} 降到至多 {value}</translation>
    </message>
    <message>
        <source>all three together</source>
        <translation>把三者一起降低</translation>
    </message>
    <message>
        <source>batch {batch} × length {length} × hidden_size {hidden} needs about {need} of memory per training step, more than the budget of {budget}; lower {lower}</source>
        <translation>batch {batch} × length {length} × hidden_size {hidden} 每个训练步约需 {need} 内存，超过 {budget} 的预算；请{lower}</translation>
    </message>
    <message>
        <source>Prediction at step {t}</source>
        <translation>第 {t} 步的预测</translation>
    </message>
    <message>
        <source>value {v}</source>
        <translation>值 {v}</translation>
    </message>
    <message>
        <source>read-out {key}</source>
        <translation>读出层 {key}</translation>
    </message>
    <message>
        <source>one output: a regressor</source>
        <translation>单个输出：回归模型</translation>
    </message>
    <message>
        <source>top {k} of {n} classes</source>
        <translation>{n} 个类别中的前 {k} 个</translation>
    </message>
    <message>
        <source>reads layer {k}</source>
        <translation>读取第 {k} 层</translation>
    </message>
    <message>
        <source>reads layer {k}, both directions</source>
        <translation>读取第 {k} 层，两个方向</translation>
    </message>
    <message>
        <source>reads layer {k},
both directions</source>
        <translation>读取第 {k} 层，
两个方向</translation>
    </message>
    <message>
        <source>Prediction: the value at each step (bars to ±{m})</source>
        <translation>预测：每一步的值（条形满格为 ±{m}）</translation>
    </message>
    <message>
        <source>Prediction: the probability of the predicted class at each step</source>
        <translation>预测：每一步所预测类别的概率</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>The strips draw {k} of the model&apos;s {n} units: the ones pinned here, then the most active. Type unit numbers from 1 to {n}, with ranges such as 40-44; leave it empty for the most active alone.</source>
        <translation>色条显示模型 {n} 个单元中的 {k} 个：先是这里固定的，再是最活跃的。输入 1 到 {n} 的单元编号，可用 40-44 这样的范围；留空则只显示最活跃的单元。</translation>
    </message>
    <message>
        <source>e.g. 3, 17, 40-44</source>
        <translation>例如 3, 17, 40-44</translation>
    </message>
    <message>
        <source>Units…</source>
        <translation>单元…</translation>
    </message>
    <message>
        <source>Choose the units a wide model&apos;s strips draw</source>
        <translation>选择宽模型的色条显示哪些单元</translation>
    </message>
    <message>
        <source>This model&apos;s strips draw every unit; pins are for models over 32 units</source>
        <translation>此模型的色条显示全部单元；固定单元用于超过 32 个单元的模型</translation>
    </message>
    <message>
        <source>Unpin unit {u}</source>
        <translation>取消固定单元 {u}</translation>
    </message>
    <message>
        <source>Pin unit {u}</source>
        <translation>固定单元 {u}</translation>
    </message>
    <message>
        <source>Pin unit {u} (at most {k} pins)</source>
        <translation>固定单元 {u}（最多固定 {k} 个）</translation>
    </message>
    <message>
        <source>Clear pins</source>
        <translation>清除固定</translation>
    </message>
    <message>
        <source>“{item}” is not a unit number or a range such as 40-44</source>
        <translation>“{item}”不是单元编号，也不是 40-44 这样的范围</translation>
    </message>
    <message>
        <source>“{item}”: a range goes from the smaller number to the larger</source>
        <translation>“{item}”：范围应从较小的编号到较大的编号</translation>
    </message>
    <message>
        <source>unit {unit} is out of range: the model has units 1 to {size}</source>
        <translation>单元 {unit} 超出范围：模型的单元为 1 到 {size}</translation>
    </message>
    <message>
        <source>at most {n} units can be pinned (a strip&apos;s width)</source>
        <translation>最多可固定 {n} 个单元（一条色条的宽度）</translation>
    </message>
    <message>
        <source>step {step} · &apos;{token}&apos;</source>
        <translation>第 {step} 步 · “{token}”</translation>
    </message>
</context>
</TS>
