import { render } from 'preact';
import { OptionsPage } from '../../ui/options-page.tsx';
import '../../ui/base.css';

render(<OptionsPage />, document.getElementById('app')!);
