" ALE linter for ropa: the `ropa lsp` language server over stdio (diagnostics, hover with
" :ALEHover, go to definition with :ALEGoToDefinition, completion, rename, code actions).
" The project root is the folder holding ropa.toml.

function! ale_linters#ropa#ropa#GetProjectRoot(buffer) abort
    let l:config = ale#path#FindNearestFile(a:buffer, 'ropa.toml')
    return !empty(l:config) ? fnamemodify(l:config, ':h') : ''
endfunction

call ale#Set('ropa_ropa_executable', 'ropa')

call ale#linter#Define('ropa', {
\   'name': 'ropa',
\   'lsp': 'stdio',
\   'executable': {b -> ale#Var(b, 'ropa_ropa_executable')},
\   'command': '%e lsp',
\   'project_root': function('ale_linters#ropa#ropa#GetProjectRoot'),
\})
