-- ropa for Neovim: filetype, language server, tree-sitter parser registration.
--
--   require('ropa').setup({ cmd = { 'ropa', 'lsp' } })
--
-- On Neovim 0.11+ this uses vim.lsp.config / vim.lsp.enable; on 0.7 – 0.10 it starts the client
-- itself on `FileType ropa` and attaches every ropa buffer of the same workspace to it.
local M = {}

local defaults = {
  cmd = { 'ropa', 'lsp' },
  root_markers = { 'ropa.toml', '.git' },
  settings = {},
}

local function root_for(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = vim.fn.fnamemodify(name, ':p:h')
  for _, marker in ipairs(markers) do
    local found = vim.fn.findfile(marker, dir .. ';')
    if found == '' then
      found = vim.fn.finddir(marker, dir .. ';')
    end
    if found ~= '' then
      return vim.fn.fnamemodify(found, ':p:h'):gsub('/%.git/?$', '')
    end
  end
  return dir
end

local clients = {}

local function start_legacy(opts, bufnr)
  local root = root_for(bufnr, opts.root_markers)
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({
      name = 'ropa',
      cmd = opts.cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      settings = opts.settings,
      on_attach = opts.on_attach,
      capabilities = opts.capabilities,
    })
    if not id then
      vim.notify('ropa: could not start `' .. table.concat(opts.cmd, ' ') .. '`; is ropa on your PATH?', vim.log.levels.ERROR)
      return
    end
    clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

--- Registers the tree-sitter parser with nvim-treesitter (when it is installed).
function M.register_parser(grammar_dir)
  local ok, parsers = pcall(require, 'nvim-treesitter.parsers')
  if not ok then
    return false
  end
  local configs = parsers.get_parser_configs and parsers.get_parser_configs() or parsers
  configs.ropa = {
    install_info = { url = grammar_dir, files = { 'src/parser.c' }, location = 'grammar' },
    filetype = 'ropa',
  }
  return true
end

function M.setup(user)
  local opts = vim.tbl_deep_extend('force', defaults, user or {})
  if vim.fn.has('nvim-0.11') == 1 and vim.lsp.config then
    vim.lsp.config('ropa', {
      cmd = opts.cmd,
      filetypes = { 'ropa' },
      root_markers = opts.root_markers,
      settings = opts.settings,
      on_attach = opts.on_attach,
      capabilities = opts.capabilities,
    })
    vim.lsp.enable('ropa')
    return
  end
  local group = vim.api.nvim_create_augroup('ropa_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'ropa',
    callback = function(args)
      start_legacy(opts, args.buf)
    end,
  })
  -- Buffers that were already open before setup().
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == 'ropa' then
      start_legacy(opts, bufnr)
    end
  end
end

return M
