-- The 0.11 route (init-enable.lua): the client attaches by itself, with the workspace root, and
-- the fixture's findings arrive as diagnostics. Writes a report to $ROPA_TEST_OUT.
local out, lines = assert(os.getenv('ROPA_TEST_OUT')), {}
local function finish(ok)
  local f = io.open(out, 'w')
  f:write(table.concat(lines, '\n') .. '\n' .. (ok and 'PASS' or 'FAIL') .. '\n')
  f:close()
  vim.cmd(ok and 'qall!' or 'cquit 1')
end
local function check(cond, msg)
  table.insert(lines, (cond and 'ok: ' or 'failed: ') .. msg)
  if not cond then
    finish(false)
  end
end
vim.cmd('edit ' .. vim.fn.fnameescape(assert(os.getenv('ROPA_TEST_FILE'))))
local buf = vim.api.nvim_get_current_buf()
check(vim.bo[buf].filetype == 'ropa', 'filetype is ropa')
local function client()
  return vim.lsp.get_clients({ bufnr = buf, name = 'ropa' })[1]
end
check(vim.wait(10000, function() return client() ~= nil end, 50), 'vim.lsp.enable attached the ropa client')
check(client().root_dir == os.getenv('ROPA_TEST_ROOT'), 'the root is the folder holding ropa.toml: ' .. tostring(client().root_dir))
local found = {}
local arrived = vim.wait(10000, function()
  found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    found[string.format('%s@%d:%d', tostring(d.code), d.lnum + 1, d.col + 1)] = true
  end
  return found['missing-avv@18:15'] and found['unresolved-reference@18:26']
end, 50)
for key in pairs(found) do
  table.insert(lines, '  diagnostic ' .. key)
end
check(arrived, 'missing-avv at 18:15 and unresolved-reference at 18:26')
finish(true)
