import { createRoot } from 'react-dom/client'
import { App } from './App.jsx'

// The page passes the registry and the issuer's DID in data attributes (a real app would hard-code its own).
const root = document.getElementById('root')
createRoot(root).render(<App registry={root.dataset.registry} issuer={root.dataset.issuer} />)
