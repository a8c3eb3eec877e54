-- Headless end-to-end test (tests/editors/neovim.rs): open a file of the fixture workspace, check filetype, attached
-- client and diagnostics; break a rule, receive its diagnostic, apply the server's quick fix,
-- and check the buffer; then hover, completion, go-to-definition and rename. Writes a report to
-- $ROPA_TEST_OUT and exits non-zero on failure.
local out = assert(os.getenv('ROPA_TEST_OUT'))
local file = assert(os.getenv('ROPA_TEST_FILE'))
local report = {}
local function log(msg)
  table.insert(report, msg)
end
local function finish(ok)
  local f = io.open(out, 'w')
  f:write(table.concat(report, '\n') .. '\n' .. (ok and 'PASS' or 'FAIL') .. '\n')
  f:close()
  vim.cmd(ok and 'qall!' or 'cquit 1')
end
local function check(cond, msg)
  if not cond then
    log('failed: ' .. msg)
    finish(false)
  end
  log('ok: ' .. msg)
end

local published = {}
local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  published[result.uri] = (published[result.uri] or 0) + 1
  return default_handler(err, result, ctx, config)
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)
check(vim.bo[buf].filetype == 'ropa', 'filetype is ropa')

local function client()
  -- vim.lsp.get_clients exists from 0.10; buf_get_clients is deprecated there.
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)
  for _, c in pairs(clients) do
    if c.name == 'ropa' then
      return c
    end
  end
end
check(vim.wait(10000, function() return client() ~= nil and client().initialized end, 50), 'ropa client attached')
check(vim.wait(10000, function() return (published[uri] or 0) > 0 end, 50), 'diagnostics received for the file')
check(#vim.diagnostic.get(buf) == 0, 'the example has no findings')

-- Break a rule: delete the `retention` line.
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local row
for i, l in ipairs(lines) do
  if l:match('^%s*retention%s') then
    row = i - 1
    break
  end
end
check(row ~= nil, 'found a retention line')
vim.api.nvim_buf_set_lines(buf, row, row + 1, false, {})

local diag
check(vim.wait(10000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'missing-retention' or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == 'missing-retention') then
      diag = d
      return true
    end
  end
  return false
end, 50), 'missing-retention reported after the edit')

-- Ask for code actions at the diagnostic and apply the quick fix.
local c = client()
local range = { start = { line = diag.lnum, character = diag.col }, ['end'] = { line = diag.end_lnum or diag.lnum, character = diag.end_col or diag.col } }
local params = {
  textDocument = { uri = uri },
  range = range,
  context = { diagnostics = { { range = range, message = diag.message, severity = diag.severity, code = 'missing-retention', source = 'ropa' } } },
}
local response = c.request_sync('textDocument/codeAction', params, 10000, buf)
check(response and response.result and #response.result > 0, 'code actions offered')
local fix
for _, action in ipairs(response.result) do
  if action.title:match('^Add a retention period') then
    fix = action
  end
end
check(fix ~= nil, 'the quick fix "Add a retention period" is offered')
vim.lsp.util.apply_workspace_edit(fix.edit, c.offset_encoding or 'utf-16')
local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
check(text:match('\n%s+retention%s') ~= nil, 'the buffer has a `retention` line again')
check(vim.wait(10000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'missing-retention' or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == 'missing-retention') then
      return false
    end
  end
  return true
end, 50), 'missing-retention is gone after the fix')

-- Hover on a key and completion inside the activity.
local hover = c.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = { line = row, character = 4 } }, 10000, buf)
check(hover and hover.result and hover.result.contents, 'hover answers')

-- Completion of keys on a new line inside the activity.
lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local subjects_row
for i, l in ipairs(lines) do
  if l:match('^%s*subjects%s') then
    subjects_row = i - 1
    break
  end
end
check(subjects_row ~= nil, 'found the subjects line')
vim.api.nvim_buf_set_lines(buf, subjects_row, subjects_row, false, { '  ' })
local completion = c.request_sync('textDocument/completion', { textDocument = { uri = uri }, position = { line = subjects_row, character = 2 } }, 10000, buf)
local labels = {}
local items = completion and completion.result and (completion.result.items or completion.result) or {}
for _, item in ipairs(items) do
  labels[item.label] = true
end
check(labels['security'] and labels['notice'], 'completion offers the keys an activity may have')
vim.api.nvim_buf_set_lines(buf, subjects_row, subjects_row + 1, false, {})

-- Go to the definition of the processor reference `hetzner`.
lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local ref_row, ref_col
for i, l in ipairs(lines) do
  local col = l:find('hetzner%]')
  if l:match('^%s*processors%s') and col then
    ref_row, ref_col = i - 1, col
    break
  end
end
check(ref_row ~= nil, 'found the processor reference')
local definition = c.request_sync('textDocument/definition', { textDocument = { uri = uri }, position = { line = ref_row, character = ref_col } }, 10000, buf)
local target = definition and definition.result
if target and target[1] then
  target = target[1]
end
check(target and (target.uri or target.targetUri or ''):match('/processors%.ropa$'), 'go to definition leads to processors.ropa')

-- Rename the processor across the workspace and apply the edit.
local rename = c.request_sync('textDocument/rename', { textDocument = { uri = uri }, position = { line = ref_row, character = ref_col }, newName = 'hetzner_online' }, 10000, buf)
check(rename and rename.result, 'rename answers with a workspace edit')
local files = 0
for _ in pairs(rename.result.changes or {}) do
  files = files + 1
end
for _ in ipairs(rename.result.documentChanges or {}) do
  files = files + 1
end
check(files >= 2, 'the rename edits the activity and the processor file')
vim.lsp.util.apply_workspace_edit(rename.result, c.offset_encoding or 'utf-16')
text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
check(text:match('processors %[hetzner_online%]') ~= nil, 'the buffer now refers to `hetzner_online`')
finish(true)
