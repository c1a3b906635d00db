-- Headless Neovim as a client of `wenlint lsp`: starts the server for the file given on the
-- command line, waits for its diagnostics and writes them as Neovim keeps them (0-based
-- lines, byte columns) to $OUT as JSON, then quits. Works from Neovim 0.7 (start_client) on;
-- newer versions have vim.lsp.start, which the README's set-up uses.
--
--   WENLINT=wenlint OUT=out.json nvim --headless -u NONE -c 'luafile tests/nvim/diagnostics.lua' draft.txt
local wenlint = assert(os.getenv('WENLINT'), 'WENLINT: the wenlint binary')
local out = assert(os.getenv('OUT'), 'OUT: where to write the diagnostics')
local buf = vim.api.nvim_get_current_buf()

local config = { name = 'wenlint', cmd = { wenlint, 'lsp' }, root_dir = vim.fn.getcwd() }
local client
if vim.lsp.start then
  client = vim.lsp.start(config, { bufnr = buf })
else
  client = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, client)
end

local arrived = vim.wait(30000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)

local items = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  table.insert(items, {
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, code = code, message = d.message,
  })
end
local file = assert(io.open(out, 'w'))
file:write(vim.fn.json_encode(items))
file:close()

vim.lsp.stop_client(client)
if arrived then
  vim.cmd('qall!')
else
  vim.cmd('cquit! 3')
end
