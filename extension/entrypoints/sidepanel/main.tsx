import { render } from 'preact';
import { SidePanel } from '../../ui/sidepanel/side-panel.tsx';
import '../../ui/base.css';
import '../../ui/sidepanel/side-panel.css';

render(<SidePanel />, document.getElementById('app')!);
